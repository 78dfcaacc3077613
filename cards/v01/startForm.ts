import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { RESTRICTIONS, VISITOR_TYPES } from '../../services/workflows/v01/model';
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
import { visitorInputs } from '../visitor';
import { yesNoChoices } from './common';

const FIELD_IDS = [
  'site',
  'prisonerId',
  'prisonerName',
  'cppAlert',
  'visitorType',
  'visitorName',
  'visitorDob',
  'visitorId',
  'visitorAddress',
  'visitorGender',
  'visitorRelationship',
  'orangaTamarikiCare',
  'consenterKind',
  'consenterName',
  'consenterRelationship',
  'consenterAddress',
  'consenterReason',
  'restriction',
  'restrictionDetails',
  'prohibitedElsewhere',
  'prohibitedSite',
  'prohibitedUntil',
  'prohibitedDetails',
];

/** V.01.01: staff record a prisoner's nomination (V.01.Form.01.00) and any contact restriction. */
export const v01StartForm: FormRenderer = (ctx: FormContext) => {
  const v = (id: string) => keep(ctx.input, id, undefined);
  const e = ctx.errors;
  const site =
    v('site') ?? ctx.viewer.roles.find((g) => DESIGNATED_STAFF.includes(g.role) && g.site !== '*')?.site;
  return card(
    [
      ...heading('New visitor application', 'Record the prisoner’s nomination of a visitor (V.01.01).'),
      ...notice(ctx.notice),
      ...formErrors(e, FIELD_IDS),
      text('Prisoner', { weight: 'Bolder' }),
      ...textInput({
        id: 'site',
        label: 'Prison (site)',
        value: site,
        required: true,
        errors: e,
        maxLength: 60,
      }),
      ...textInput({
        id: 'prisonerId',
        label: 'PRN',
        value: v('prisonerId'),
        required: true,
        errors: e,
        maxLength: 40,
      }),
      ...textInput({
        id: 'prisonerName',
        label: 'Prisoner name',
        value: v('prisonerName'),
        required: true,
        errors: e,
      }),
      ...choiceInput({
        id: 'cppAlert',
        label: 'Does the prisoner have a Child Protection Policy alert in IOMS?',
        value: v('cppAlert'),
        required: true,
        errors: e,
        choices: yesNoChoices,
        expanded: true,
      }),
      text('Visitor', { weight: 'Bolder' }),
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
      text('For a child visitor (under 18)', { weight: 'Bolder' }),
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
      text('Contact restrictions (C.01.Res.05)', { weight: 'Bolder' }),
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
    ],
    [startSubmit('V01', 'Record nomination')],
  );
};
