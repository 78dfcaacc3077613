import {
  AGENCY_ATTENDANCE,
  HUI_KINDS,
  LOCATION_TYPES,
  MODES,
  PILLARS,
} from '../../services/workflows/c07/model';
import {
  choiceInput,
  card,
  dateInput,
  formErrors,
  heading,
  keep,
  notice,
  numberInput,
  section,
  startSubmit,
  text,
  textInput,
  timeInput,
} from '../kit';
import type { AdaptiveCard, CardElement, FormContext } from '../types';
import { DOB_LABEL } from './common';

const choices = (o: Record<string, string>) => Object.entries(o).map(([value, title]) => ({ title, value }));

const FIELD_IDS = [
  'prisonerId',
  'prisonerName',
  'site',
  'caseManagerId',
  'huiKind',
  'purpose',
  'objectives',
  'protectiveFactors',
  'pillars',
  'date',
  'time',
  'durationMinutes',
  'locationType',
  'place',
  'mode',
  'correctionsStaff',
  'rjVictims',
  'agency',
  'agencyCoordinator',
  'agencyCoordinatorContact',
  'agencyAttendance',
  ...[1, 2, 3, 4].flatMap((n) => [`sp${n}Name`, `sp${n}Relationship`, `sp${n}Contact`, `sp${n}Dob`]),
  ...[1, 2, 3].flatMap((n) => [`pv${n}Org`, `pv${n}Person`]),
];

/**
 * Staff who are not the prisoner's case manager must name them (C.07.02, C.07.05): picked from the
 * directory when the bot supplies it, so the value is an aadObjectId the bot can notify.
 */
function caseManagerInput(ctx: FormContext): CardElement[] {
  const label = 'The prisoner’s case manager (leave blank if that is you)';
  const value = keep(ctx.input, 'caseManagerId', undefined);
  if (ctx.people?.length) {
    return choiceInput({
      id: 'caseManagerId',
      label,
      choices: ctx.people.map((p) => ({ title: p.name, value: p.aadObjectId })),
      value,
      errors: ctx.errors,
    });
  }
  return textInput({
    id: 'caseManagerId',
    label,
    value,
    errors: ctx.errors,
    placeholder: 'Their Teams user id',
    maxLength: 100,
  });
}

/** The "new hui" form (C.07.01–C.07.04): everything the notification form will carry, in one card. */
export function c07StartForm(ctx: FormContext): AdaptiveCard {
  const v = (id: string) => keep(ctx.input, id, undefined);
  const e = ctx.errors;
  const supportRows: CardElement[] = [1, 2, 3, 4].flatMap((n) => [
    text(`Support person ${n}`, { weight: 'Bolder' }),
    ...textInput({ id: `sp${n}Name`, label: 'Name', value: v(`sp${n}Name`), errors: e }),
    ...textInput({
      id: `sp${n}Relationship`,
      label: 'Relationship to the prisoner',
      value: v(`sp${n}Relationship`),
      errors: e,
    }),
    ...textInput({ id: `sp${n}Contact`, label: 'Contact details', value: v(`sp${n}Contact`), errors: e }),
    ...dateInput({ id: `sp${n}Dob`, label: DOB_LABEL, value: v(`sp${n}Dob`), errors: e }),
  ]);
  const providerRows: CardElement[] = [1, 2, 3].flatMap((n) => [
    ...textInput({
      id: `pv${n}Org`,
      label: `Service provider ${n}: organisation`,
      value: v(`pv${n}Org`),
      errors: e,
    }),
    ...textInput({
      id: `pv${n}Person`,
      label: `Service provider ${n}: person attending`,
      value: v(`pv${n}Person`),
      errors: e,
    }),
  ]);
  return card(
    [
      ...heading(
        'Organise a support hui',
        'C.07 Support hui. A support hui is NOT a private visit: participants need not be approved visitors.',
      ),
      ...notice(ctx.notice),
      ...formErrors(e, FIELD_IDS),
      section(
        'Prisoner and case manager',
        [
          ...textInput({
            id: 'prisonerId',
            label: 'Prisoner PRN',
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
          ...textInput({
            id: 'site',
            label: 'Site where the hui is held (prison or service centre)',
            value: v('site'),
            required: true,
            errors: e,
            maxLength: 60,
          }),
          ...caseManagerInput(ctx),
        ],
        { separator: false },
      ),
      section('The hui', [
        ...choiceInput({
          id: 'huiKind',
          label: 'Kind of hui',
          choices: choices(HUI_KINDS),
          value: v('huiKind'),
          required: true,
          errors: e,
        }),
        ...textInput({
          id: 'purpose',
          label: 'Purpose',
          value: v('purpose'),
          required: true,
          multiline: true,
          maxLength: 2000,
          errors: e,
        }),
        ...textInput({
          id: 'objectives',
          label: 'Objectives (clear, concise, achievable)',
          value: v('objectives'),
          required: true,
          multiline: true,
          maxLength: 2000,
          errors: e,
        }),
        ...textInput({
          id: 'protectiveFactors',
          label: 'Protective factors the hui builds on and maintains',
          value: v('protectiveFactors'),
          multiline: true,
          maxLength: 2000,
          errors: e,
        }),
        ...choiceInput({
          id: 'pillars',
          label: 'Reintegration pillars it serves',
          choices: choices(PILLARS),
          multi: true,
          expanded: true,
          value: v('pillars'),
          errors: e,
        }),
      ]),
      section('When and where', [
        ...dateInput({
          id: 'date',
          label: 'Date (New Zealand)',
          value: v('date'),
          required: true,
          errors: e,
        }),
        ...timeInput({
          id: 'time',
          label: 'Start time (New Zealand)',
          value: v('time'),
          required: true,
          errors: e,
        }),
        ...numberInput({
          id: 'durationMinutes',
          label: 'Duration (minutes)',
          value: v('durationMinutes'),
          required: true,
          min: 15,
          max: 600,
          errors: e,
        }),
        ...choiceInput({
          id: 'locationType',
          label: 'Location',
          choices: choices(LOCATION_TYPES),
          value: v('locationType'),
          required: true,
          errors: e,
        }),
        ...textInput({
          id: 'place',
          label: 'Place (room, address or office)',
          value: v('place'),
          required: true,
          errors: e,
          maxLength: 300,
        }),
        ...choiceInput({
          id: 'mode',
          label: 'Participants attend',
          choices: choices(MODES),
          value: v('mode'),
          required: true,
          errors: e,
        }),
      ]),
      section('Who attends', [
        ...textInput({
          id: 'correctionsStaff',
          label: 'Corrections staff attending (one per line: name and role)',
          value: v('correctionsStaff'),
          multiline: true,
          maxLength: 2000,
          errors: e,
        }),
        ...providerRows,
        text(
          'Support people: the prisoner’s consent to contact each one is recorded next, before anyone is contacted.',
          { subtle: true },
        ),
        ...supportRows,
      ]),
      section('Only for a restorative justice conference', [
        ...textInput({
          id: 'rjVictims',
          label: 'Victim parties (or their representatives): one per line, name — who they are',
          value: v('rjVictims'),
          multiline: true,
          maxLength: 2000,
          errors: e,
        }),
        text('The conference goes ahead only if every party gives informed consent.', { subtle: true }),
      ]),
      section('Only for a family group conference or a hui another government agency organises', [
        ...textInput({ id: 'agency', label: 'Agency (e.g. Oranga Tamariki)', value: v('agency'), errors: e }),
        ...textInput({
          id: 'agencyCoordinator',
          label: 'The agency’s co-ordinator (Youth Justice Co-ordinator for a family group conference)',
          value: v('agencyCoordinator'),
          errors: e,
        }),
        ...textInput({
          id: 'agencyCoordinatorContact',
          label: 'Co-ordinator’s contact details',
          value: v('agencyCoordinatorContact'),
          errors: e,
        }),
        ...choiceInput({
          id: 'agencyAttendance',
          label: 'The prisoner attends by (required for another agency’s hui)',
          choices: choices(AGENCY_ATTENDANCE),
          value: v('agencyAttendance'),
          errors: e,
        }),
        text('The prison director (or delegate) liaises with the agency’s co-ordinator (C.07.04).', {
          subtle: true,
        }),
      ]),
    ],
    [startSubmit('C07', 'Create hui')],
  );
}
