import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { RESTRICTIONS, VISITOR_TYPES } from '../../services/workflows/v01/model';
import { choiceInput, dateInput, text, textInput, toggleInput } from '../kit';
import { siteInput, prisonerInputs } from '../formFields';
import { drawStartForm, formStep as step } from '../steps';
import type { SteppedForm } from '../steps';
import type { FormRenderer } from '../types';
import { visitorInputs } from '../visitor';
import { yesNoChoices } from './common';

const prisoner = step('prisoner', ['site', 'prisonerId', 'prisonerName', 'cppAlert'], (v, ctx) => {
  const e = ctx.errors;
  const site =
    v('site') ?? ctx.viewer.roles.find((g) => DESIGNATED_STAFF.includes(g.role) && g.site !== '*')?.site;
  return [
    ...siteInput('Prison (site)', site, e),
    ...prisonerInputs(v, e, { prn: 'PRN', name: 'Prisoner name', prnMax: 40 }),
    ...choiceInput({
      id: 'cppAlert',
      label: 'Does the prisoner have a Child Protection Policy alert in IOMS?',
      value: v('cppAlert'),
      required: true,
      errors: e,
      choices: yesNoChoices,
      expanded: true,
    }),
  ];
});

const visitor = step(
  'visitor',
  [
    'visitorType',
    'visitorName',
    'visitorDob',
    'visitorId',
    'visitorAddress',
    'visitorGender',
    'visitorRelationship',
  ],
  (v, ctx) => {
    const e = ctx.errors;
    return [
      ...choiceInput({
        id: 'visitorType',
        label: 'Visitor type',
        value: v('visitorType'),
        required: true,
        errors: e,
        choices: Object.entries(VISITOR_TYPES).map(([value, title]) => ({ title, value })),
      }),
      ...visitorInputs(v, e, 'Full name (and any known aliases)'),
      ...textInput({
        id: 'visitorGender',
        label: 'Gender',
        value: v('visitorGender'),
        errors: e,
        maxLength: 40,
      }),
      ...textInput({
        id: 'visitorRelationship',
        label: 'Relationship to the prisoner',
        value: v('visitorRelationship'),
        errors: e,
      }),
    ];
  },
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
  (v, ctx) => {
    const e = ctx.errors;
    return [
      ...toggleInput({
        id: 'orangaTamarikiCare',
        label: 'Oranga Tamariki',
        title: 'The prisoner says the child is in Oranga Tamariki care',
        value: v('orangaTamarikiCare'),
        errors: e,
      }),
      ...choiceInput({
        id: 'consenterKind',
        label: 'Who will consent',
        value: v('consenterKind'),
        errors: e,
        choices: [
          { title: 'The child’s guardian', value: 'guardian' },
          { title: 'Another appropriate person (guardian unavailable or not appropriate)', value: 'other' },
        ],
      }),
      ...textInput({ id: 'consenterName', label: 'Their name', value: v('consenterName'), errors: e }),
      ...textInput({
        id: 'consenterRelationship',
        label: 'Their relationship to the child',
        value: v('consenterRelationship'),
        errors: e,
      }),
      ...textInput({
        id: 'consenterAddress',
        label: 'Their last known address',
        value: v('consenterAddress'),
        errors: e,
        maxLength: 400,
      }),
      ...textInput({
        id: 'consenterReason',
        label: 'Why not the guardian',
        value: v('consenterReason'),
        errors: e,
        multiline: true,
        maxLength: 1000,
      }),
    ];
  },
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
  (v, ctx) => {
    const e = ctx.errors;
    return [
      ...choiceInput({
        id: 'restriction',
        label: 'Is the visitor the subject of a contact restriction?',
        value: v('restriction') ?? 'none',
        required: true,
        errors: e,
        choices: Object.entries(RESTRICTIONS).map(([value, title]) => ({ title, value })),
      }),
      ...textInput({
        id: 'restrictionDetails',
        label: 'Order or condition details (court, date, terms)',
        value: v('restrictionDetails'),
        errors: e,
        multiline: true,
        maxLength: 1000,
      }),
      text('Prohibition at another prison', { weight: 'Bolder' }),
      ...toggleInput({
        id: 'prohibitedElsewhere',
        label: 'Prohibited elsewhere',
        title: 'The visitor is currently prohibited from visiting another prison',
        value: v('prohibitedElsewhere'),
        errors: e,
      }),
      ...textInput({
        id: 'prohibitedSite',
        label: 'Which prison',
        value: v('prohibitedSite'),
        errors: e,
        maxLength: 60,
      }),
      ...dateInput({
        id: 'prohibitedUntil',
        label: 'Prohibited until',
        value: v('prohibitedUntil'),
        errors: e,
      }),
      ...textInput({
        id: 'prohibitedDetails',
        label: 'Details',
        value: v('prohibitedDetails'),
        errors: e,
        multiline: true,
        maxLength: 1000,
      }),
    ];
  },
);

/** V.01.01: staff record a prisoner's nomination (V.01.Form.01.00) and any contact restriction, in four steps. */
export const v01StartSteps: SteppedForm = {
  kind: 'V01',
  heading: 'New visitor application',
  subtitle: 'Record the prisoner’s nomination of a visitor (V.01.01).',
  startTitle: 'Record nomination',
  steps: [prisoner, visitor, child, restrictions],
};

export const v01StartForm: FormRenderer = drawStartForm(v01StartSteps);
