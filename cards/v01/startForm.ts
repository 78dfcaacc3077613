import { choicesOf } from '../common';
import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { RESTRICTIONS, VISITOR_TYPES } from '../../services/workflows/v01/model';
import { text } from '../kit';
import { siteInput, prisonerInputs, ownSite } from '../formFields';
import { drawStartForm, formStep as step, steppedForm } from '../steps';
import type { FormRenderer } from '../types';
import { VISITOR_FIELDS, visitorInputs } from '../visitor';

const prisoner = step('prisoner', ['site', 'prisonerId', 'prisonerName', 'cppAlert'], (ask, ctx) => [
  ...siteInput(ask, 'Prison (site)', ownSite(ctx.viewer, DESIGNATED_STAFF)),
  ...prisonerInputs(ask, { prn: 'PRN', name: 'Prisoner name', prnMax: 40 }),
  ...ask.yesNo('cppAlert', 'Does the prisoner have a Child Protection Policy alert in IOMS?'),
]);

const visitor = step(
  'visitor',
  ['visitorType', ...VISITOR_FIELDS, 'visitorGender', 'visitorRelationship'],
  (ask) => [
    ...ask.choice('visitorType', 'Visitor type', choicesOf(VISITOR_TYPES), { required: true }),
    ...visitorInputs(ask, 'Full name (and any known aliases)'),
    ...ask.text('visitorGender', 'Gender', { maxLength: 40 }),
    ...ask.text('visitorRelationship', 'Relationship to the prisoner'),
  ],
);

const child = step(
  'child visitor (under 18)',
  [
    'orangaTamarikiCare',
    'consenterKind',
    'consenterName',
    'consenterRelationship',
    'consenterAddress',
    'consenterReason',
  ],
  (ask) => [
    ...ask.toggle(
      'orangaTamarikiCare',
      'Oranga Tamariki',
      'The prisoner says the child is in Oranga Tamariki care',
    ),
    ...ask.choice(
      'consenterKind',
      'Who will consent',
      choicesOf({
        guardian: 'The child’s guardian',
        other: 'Another appropriate person (guardian unavailable or not appropriate)',
      }),
    ),
    ...ask.text('consenterName', 'Their name'),
    ...ask.text('consenterRelationship', 'Their relationship to the child'),
    ...ask.text('consenterAddress', 'Their last known address', { maxLength: 400 }),
    ...ask.paragraph('consenterReason', 'Why not the guardian', { maxLength: 1000 }),
  ],
);

const restrictions = step(
  'contact restrictions',
  [
    'restriction',
    'restrictionDetails',
    'prohibitedElsewhere',
    'prohibitedSite',
    'prohibitedUntil',
    'prohibitedDetails',
  ],
  (ask) => [
    ...ask.choice(
      'restriction',
      'Is the visitor the subject of a contact restriction?',
      choicesOf(RESTRICTIONS),
      { value: ask.kept('restriction') ?? 'none', required: true },
    ),
    ...ask.paragraph('restrictionDetails', 'Order or condition details (court, date, terms)', {
      maxLength: 1000,
    }),
    text('Prohibition at another prison', { weight: 'Bolder' }),
    ...ask.toggle(
      'prohibitedElsewhere',
      'Prohibited elsewhere',
      'The visitor is currently prohibited from visiting another prison',
    ),
    ...ask.text('prohibitedSite', 'Which prison', { maxLength: 60 }),
    ...ask.date('prohibitedUntil', 'Prohibited until'),
    ...ask.paragraph('prohibitedDetails', 'Details', { maxLength: 1000 }),
  ],
);

/** V.01.01: staff record a prisoner's nomination (V.01.Form.01.00) and any contact restriction, in four steps. */
export const v01StartSteps = steppedForm('V01', [prisoner, visitor, child, restrictions], {
  heading: 'New visitor application',
  subtitle: 'Record the prisoner’s nomination of a visitor (V.01.01).',
  startTitle: 'Record nomination',
});

export const v01StartForm: FormRenderer = drawStartForm(v01StartSteps);
