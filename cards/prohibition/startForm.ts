import { MANAGER_DECIDERS } from '../../services/policy/v01';
import { SCOPE_LABELS } from '../../services/workflows/prohibition/model';
import { choicesOf } from '../common';
import {
  card,
  choiceInput,
  dateInput,
  formErrors,
  heading,
  keep,
  notice,
  startSubmit,
  text,
  textInput,
  toggleInput,
} from '../kit';
import type { FormContext, FormRenderer } from '../types';
import { groundChoices, visitorInputs } from '../visitor';

const START_FIELDS = [
  'site',
  'visitorName',
  'visitorDob',
  'visitorId',
  'visitorAddress',
  'guardianName',
  'guardianAddress',
  'scope',
  'prisoners',
  'grounds',
  'reasons',
  'privacyChecked',
  'expiresOn',
  'relatedApplicationId',
];

/** V.01.08: the reception/movements manager completes and signs the order; submitting signs it. */
export const prohibitionStartForm: FormRenderer = (ctx: FormContext) => {
  const v = (id: string) => keep(ctx.input, id, undefined);
  const e = ctx.errors;
  const site =
    v('site') ?? ctx.viewer.roles.find((g) => MANAGER_DECIDERS.includes(g.role) && g.site !== '*')?.site;
  return card(
    [
      ...heading(
        'New visitor prohibition order',
        'V.01.Form.01.13. Every part must be completed. Submitting signs the order in your name.',
      ),
      ...notice(ctx.notice),
      ...formErrors(e, START_FIELDS),
      ...textInput({
        id: 'site',
        label: 'Prison (site)',
        value: site,
        required: true,
        errors: e,
        maxLength: 60,
      }),
      text('Visitor', { weight: 'Bolder' }),
      ...visitorInputs(v, e),
      ...textInput({
        id: 'guardianName',
        label: 'Guardian (if the visitor is under 18)',
        value: v('guardianName'),
        errors: e,
      }),
      ...textInput({
        id: 'guardianAddress',
        label: 'Guardian’s address',
        value: v('guardianAddress'),
        errors: e,
        maxLength: 400,
      }),
      text('Who the order covers', { weight: 'Bolder' }),
      ...choiceInput({
        id: 'scope',
        label: 'Prohibited from visiting',
        value: v('scope'),
        required: true,
        errors: e,
        expanded: true,
        choices: choicesOf(SCOPE_LABELS),
      }),
      ...textInput({
        id: 'prisoners',
        label: 'Prisoners (one per line: PRN, then name)',
        value: v('prisoners'),
        errors: e,
        multiline: true,
        maxLength: 4000,
      }),
      text('Reasons', { weight: 'Bolder' }),
      ...choiceInput({
        id: 'grounds',
        label: 'V.01.03 grounds (at least one of V.01.03.5)',
        value: v('grounds'),
        required: true,
        errors: e,
        multi: true,
        expanded: true,
        choices: groundChoices().filter((c) => c.value !== 'prohibited-elsewhere'),
      }),
      ...textInput({
        id: 'reasons',
        label: 'Reasons as the visitor will read them',
        value: v('reasons'),
        required: true,
        errors: e,
        multiline: true,
        maxLength: 4000,
      }),
      ...toggleInput({
        id: 'privacyChecked',
        label: 'Privacy',
        title: 'The reasons say nothing private about any prisoner or victim',
        value: v('privacyChecked'),
        errors: e,
      }),
      ...dateInput({
        id: 'expiresOn',
        label: 'Expiry date (in force until the close of this day, NZ time)',
        value: v('expiresOn'),
        required: true,
        errors: e,
      }),
      ...textInput({
        id: 'relatedApplicationId',
        label: 'Related visitor application (VIS-…), if any',
        value: v('relatedApplicationId'),
        errors: e,
        maxLength: 40,
      }),
    ],
    [startSubmit('V01P', 'Sign and issue order')],
  );
};
