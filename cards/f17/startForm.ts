import { CASE_ROLES, PROGRAMME_KINDS } from '../../services/workflows/f17/model';
import {
  card,
  choiceInput,
  formErrors,
  heading,
  keep,
  notice,
  numberInput,
  startSubmit,
  text,
  textInput,
  dateInput,
} from '../kit';
import type { FieldError } from '../../services/errors';
import type { CardElement, FormContext, FormRenderer, PersonChoice } from '../types';

const FIELD_IDS = [
  'prisonerId',
  'prisonerName',
  'accusedStatus',
  'courtDate',
  'gangStatus',
  'rmtStatus',
  'rmtLevel',
  'programmeName',
  'programmeKind',
  'participants',
  'facilitatorId',
  'facilitatorName',
  'location',
  'site',
];

/**
 * A choice list of directory people (the bot passes them in `people`); the value sent back is
 * the chosen person's aadObjectId, so the domain never matches people by name. Empty without a list.
 */
export function peoplePicker(
  id: string,
  label: string,
  value: string | undefined,
  people: PersonChoice[] | undefined,
  errors: FieldError[] | undefined,
): CardElement[] {
  if (!people?.length) return [];
  return choiceInput({
    id,
    label,
    value,
    errors,
    choices: people.map((p) => ({ title: p.name, value: p.aadObjectId })),
  }).map((el) => (el.type === 'Input.ChoiceSet' ? { ...el, style: 'filtered' } : el));
}

/** The F.17.Form.01 top section: prisoner, court, gang and RMT status, and the programme. */
export const f17StartForm: FormRenderer = (ctx: FormContext) => {
  const v = (id: string) => keep(ctx.input, id, undefined);
  const e = ctx.errors;
  const defaultSite = ctx.viewer.roles.find((g) => CASE_ROLES.includes(g.role) && g.site !== '*')?.site;
  return card(
    [
      ...heading(
        'New suitability to mix assessment',
        'For one accused prisoner and one non-offence based programme (F.17). It is not a blanket approval.',
      ),
      ...notice(ctx.notice),
      ...formErrors(e, FIELD_IDS),
      text('Prisoner', { weight: 'Bolder' }),
      ...textInput({
        id: 'prisonerId',
        label: 'PRN',
        value: v('prisonerId'),
        required: true,
        errors: e,
        maxLength: 20,
      }),
      ...textInput({
        id: 'prisonerName',
        label: 'Name',
        value: v('prisonerName'),
        required: true,
        errors: e,
      }),
      ...choiceInput({
        id: 'accusedStatus',
        label: 'Status',
        value: v('accusedStatus'),
        required: true,
        errors: e,
        choices: [
          { title: 'Accused (remand)', value: 'remand' },
          { title: 'Convicted, awaiting sentence', value: 'convicted' },
          { title: 'Sentenced', value: 'sentenced' },
        ],
      }),
      ...dateInput({
        id: 'courtDate',
        label: 'Next court date',
        value: v('courtDate'),
        required: true,
        errors: e,
      }),
      ...textInput({
        id: 'gangStatus',
        label: 'Gang status',
        value: v('gangStatus'),
        required: true,
        errors: e,
        placeholder: 'Affiliation, or none',
      }),
      ...textInput({
        id: 'rmtStatus',
        label: 'RMT status',
        value: v('rmtStatus'),
        required: true,
        errors: e,
      }),
      ...textInput({
        id: 'rmtLevel',
        label: 'RMT level',
        value: v('rmtLevel'),
        required: true,
        errors: e,
        maxLength: 40,
      }),
      text('Programme', { weight: 'Bolder' }),
      ...textInput({
        id: 'programmeName',
        label: 'Programme name',
        value: v('programmeName'),
        required: true,
        errors: e,
      }),
      ...choiceInput({
        id: 'programmeKind',
        label: 'Kind of non-offence based programme',
        value: v('programmeKind'),
        required: true,
        errors: e,
        choices: PROGRAMME_KINDS.map((k) => ({ title: k[0]?.toUpperCase() + k.slice(1), value: k })),
      }),
      ...numberInput({
        id: 'participants',
        label: 'Number of participants',
        value: v('participants'),
        required: true,
        errors: e,
        min: 1,
        max: 200,
      }),
      ...peoplePicker(
        'facilitatorId',
        'Programme facilitator (choose from the directory)',
        v('facilitatorId'),
        ctx.people,
        e,
      ),
      ...textInput({
        id: 'facilitatorName',
        label: 'Facilitator’s name (type it if they are not in the directory)',
        value: v('facilitatorName'),
        errors: e,
      }),
      ...textInput({
        id: 'location',
        label: 'Where the programme is held',
        value: v('location'),
        required: true,
        errors: e,
      }),
      ...textInput({
        id: 'site',
        label: 'Prison site',
        value: v('site') ?? defaultSite,
        required: true,
        errors: e,
        maxLength: 60,
      }),
    ],
    [startSubmit('F17', 'Start assessment')],
  );
};
