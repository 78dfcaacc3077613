import { CASE_ROLES, PROGRAMME_KINDS } from '../../services/workflows/f17/model';
import { choiceInput, numberInput, textInput, dateInput } from '../kit';
import type { FieldError } from '../../services/errors';
import { personPicker } from '../personPicker';
import { prisonerInputs, siteInput } from '../formFields';
import { drawStartForm, formStep } from '../steps';
import type { SteppedForm } from '../steps';
import type { CardElement, FormRenderer, PersonChoice } from '../types';

/**
 * Anyone in the directory the viewer may see (at `site`, when given), picked by typing part of
 * their name; the value sent back is the chosen person's aadObjectId, so the domain never matches
 * people by name.
 */
export function peoplePicker(
  id: string,
  label: string,
  value: string | undefined,
  people: PersonChoice[] | undefined,
  errors: FieldError[] | undefined,
  site?: string,
): CardElement[] {
  return personPicker({ id, label, field: 'staff', site, value, people, errors });
}

const prisoner = formStep(
  'prisoner',
  ['site', 'prisonerId', 'prisonerName', 'accusedStatus', 'courtDate', 'gangStatus', 'rmtStatus', 'rmtLevel'],
  (v, ctx) => {
    const e = ctx.errors;
    const defaultSite = ctx.viewer.roles.find((g) => CASE_ROLES.includes(g.role) && g.site !== '*')?.site;
    return [
      ...siteInput('Prison site', v('site') ?? defaultSite, e),
      ...prisonerInputs(v, e, { prn: 'PRN', name: 'Name', prnMax: 20 }),
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
    ];
  },
);

const programme = formStep(
  'programme',
  ['programmeName', 'programmeKind', 'participants', 'facilitatorId', 'facilitatorName', 'location'],
  (v, ctx) => {
    const e = ctx.errors;
    return [
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
      ...personPicker({
        id: 'facilitatorId',
        label: 'Programme facilitator (type part of their name)',
        field: 'facilitator',
        site: v('site'),
        value: v('facilitatorId'),
        errors: e,
        people: ctx.people,
      }),
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
    ];
  },
);

/** The F.17.Form.01 top section in two steps: the prisoner (court, gang and RMT status), the programme. */
export const f17StartSteps: SteppedForm = {
  kind: 'F17',
  heading: 'New suitability to mix assessment',
  subtitle:
    'For one accused prisoner and one non-offence based programme (F.17). It is not a blanket approval.',
  startTitle: 'Start assessment',
  steps: [prisoner, programme],
};

export const f17StartForm: FormRenderer = drawStartForm(f17StartSteps);
