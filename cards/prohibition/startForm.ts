import { MANAGER_DECIDERS } from '../../services/policy/v01';
import { SCOPE_LABELS } from '../../services/workflows/prohibition/model';
import { choicesOf } from '../common';
import { text } from '../kit';
import { siteInput, ownSite } from '../formFields';
import { drawStartForm, formStep, steppedForm } from '../steps';
import type { FormRenderer } from '../types';
import { VISITOR_FIELDS, groundChoices, visitorInputs } from '../visitor';

const visitor = formStep(
  'visitor',
  ['site', ...VISITOR_FIELDS, 'guardianName', 'guardianAddress'],
  (ask, ctx) => [
    ...siteInput(ask, 'Prison (site)', ownSite(ctx.viewer, MANAGER_DECIDERS)),
    ...visitorInputs(ask),
    ...ask.text('guardianName', 'Guardian (if the visitor is under 18)'),
    ...ask.text('guardianAddress', 'Guardian’s address', { maxLength: 400 }),
  ],
);

const theOrder = formStep(
  'the order',
  ['scope', 'prisoners', 'grounds', 'reasons', 'privacyChecked', 'expiresOn', 'relatedApplicationId'],
  (ask) => [
    text('Who the order covers', { weight: 'Bolder' }),
    ...ask.radio('scope', 'Prohibited from visiting', choicesOf(SCOPE_LABELS), { required: true }),
    ...ask.paragraph('prisoners', 'Prisoners (one per line: PRN, then name)', { maxLength: 4000 }),
    text('Reasons', { weight: 'Bolder' }),
    ...ask.checks(
      'grounds',
      'V.01.03 grounds (at least one of V.01.03.5)',
      groundChoices().filter((c) => c.value !== 'prohibited-elsewhere'),
      { required: true },
    ),
    ...ask.paragraph('reasons', 'Reasons as the visitor will read them', { required: true, maxLength: 4000 }),
    ...ask.toggle(
      'privacyChecked',
      'Privacy',
      'The reasons say nothing private about any prisoner or victim',
    ),
    ...ask.date('expiresOn', 'Expiry date (in force until the close of this day, NZ time)', {
      required: true,
    }),
    ...ask.text('relatedApplicationId', 'Related visitor application (VIS-…), if any', { maxLength: 40 }),
  ],
);

/** V.01.08: the reception/movements manager completes and signs the order; starting it signs it. */
export const prohibitionStartSteps = steppedForm('V01P', [visitor, theOrder], {
  heading: 'New visitor prohibition order',
  subtitle: 'V.01.Form.01.13. Every part must be completed. Submitting signs the order in your name.',
  startTitle: 'Sign and issue order',
});

export const prohibitionStartForm: FormRenderer = drawStartForm(prohibitionStartSteps);
