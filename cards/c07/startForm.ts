import { choicesOf } from '../common';
import {
  AGENCY_ATTENDANCE,
  HUI_KINDS,
  LOCATION_TYPES,
  MODES,
  PILLARS,
} from '../../services/workflows/c07/model';
import { text } from '../kit';
import { personPicker } from '../personPicker';
import { prisonerInputs, siteInput } from '../formFields';
import { drawStartForm, formStep, steppedForm } from '../steps';
import type { FormRenderer } from '../types';
import { DOB_LABEL } from './common';

const slots = (count: number, ...suffixes: string[]) =>
  Array.from({ length: count }, (_, i) => suffixes.map((s) => s.replace('#', String(i + 1)))).flat();

const prisonerAndHui = formStep(
  'prisoner and hui',
  ['prisonerId', 'prisonerName', 'site', 'huiKind', 'purpose', 'objectives', 'protectiveFactors', 'pillars'],
  (ask) => [
    ...prisonerInputs(ask, { prn: 'Prisoner PRN', name: 'Prisoner name', prnMax: 40 }),
    ...siteInput(ask, 'Site where the hui is held (prison or service centre)'),
    ...ask.choice('huiKind', 'Kind of hui', choicesOf(HUI_KINDS), { required: true }),
    ...ask.paragraph('purpose', 'Purpose', { required: true, maxLength: 2000 }),
    ...ask.paragraph('objectives', 'Objectives (clear, concise, achievable)', {
      required: true,
      maxLength: 2000,
    }),
    ...ask.paragraph('protectiveFactors', 'Protective factors the hui builds on and maintains', {
      maxLength: 2000,
    }),
    ...ask.checks('pillars', 'Reintegration pillars it serves', choicesOf(PILLARS)),
  ],
);

const whenAndWhere = formStep(
  'when and where',
  ['date', 'time', 'durationMinutes', 'locationType', 'place', 'mode'],
  (ask) => [
    ...ask.date('date', 'Date (New Zealand)', { required: true }),
    ...ask.time('time', 'Start time (New Zealand)', { required: true }),
    ...ask.number('durationMinutes', 'Duration (minutes)', { required: true, min: 15, max: 600 }),
    ...ask.choice('locationType', 'Location', choicesOf(LOCATION_TYPES), { required: true }),
    ...ask.text('place', 'Place (room, address or office)', { required: true, maxLength: 300 }),
    ...ask.choice('mode', 'Participants attend', choicesOf(MODES), { required: true }),
  ],
);

/**
 * Staff who are not the prisoner's case manager name them (C.07.02, C.07.05), picked from the
 * case managers at the hui's site (entered on the first step): the value is an aadObjectId the
 * server looks up in the directory again and the bot can notify.
 */
const people = formStep(
  'people',
  ['caseManagerId', 'correctionsStaff', ...slots(3, 'pv#Org', 'pv#Person')],
  (ask, ctx) => [
    ...personPicker({
      id: 'caseManagerId',
      label: 'The prisoner’s case manager (leave blank if that is you)',
      field: 'case-manager',
      site: ask.kept('site'),
      value: ask.kept('caseManagerId'),
      errors: ask.errors,
      people: ctx.people,
    }),
    ...ask.paragraph('correctionsStaff', 'Corrections staff attending (one per line: name and role)', {
      maxLength: 2000,
    }),
    ...[1, 2, 3].flatMap((n) => [
      ...ask.text(`pv${n}Org`, `Service provider ${n}: organisation`),
      ...ask.text(`pv${n}Person`, `Service provider ${n}: person attending`),
    ]),
  ],
);

/** Support people n…m (two to a step, so no step is long): name, relationship, contact, date of birth. */
const supportPeople = (first: number, last: number) => {
  const ns = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return formStep(
    `support people ${first}–${last}`,
    ns.flatMap((n) => [`sp${n}Name`, `sp${n}Relationship`, `sp${n}Contact`, `sp${n}Dob`]),
    (ask) => [
      ...(first === 1
        ? [
            text(
              'Support people: the prisoner’s consent to contact each one is recorded next, before anyone is contacted. A date of birth lets the bot check them against V.01 prohibition orders.',
              { subtle: true },
            ),
          ]
        : []),
      ...ns.flatMap((n) => [
        text(`Support person ${n}`, { weight: 'Bolder' }),
        ...ask.text(`sp${n}Name`, 'Name'),
        ...ask.text(`sp${n}Relationship`, 'Relationship to the prisoner'),
        ...ask.text(`sp${n}Contact`, 'Contact details'),
        ...ask.date(`sp${n}Dob`, DOB_LABEL),
      ]),
    ],
  );
};

const otherParties = formStep(
  'restorative justice or another agency',
  ['rjVictims', 'agency', 'agencyCoordinator', 'agencyCoordinatorContact', 'agencyAttendance'],
  (ask) => [
    text('Only for a restorative justice conference', { weight: 'Bolder' }),
    ...ask.paragraph(
      'rjVictims',
      'Victim parties (or their representatives): one per line, name — who they are',
      { maxLength: 2000 },
    ),
    text('The conference goes ahead only if every party gives informed consent.', { subtle: true }),
    text('Only for a family group conference or a hui another government agency organises', {
      weight: 'Bolder',
    }),
    ...ask.text('agency', 'Agency (e.g. Oranga Tamariki)'),
    ...ask.text(
      'agencyCoordinator',
      'The agency’s co-ordinator (Youth Justice Co-ordinator for a family group conference)',
    ),
    ...ask.text('agencyCoordinatorContact', 'Co-ordinator’s contact details'),
    ...ask.choice(
      'agencyAttendance',
      'The prisoner attends by (required for another agency’s hui)',
      choicesOf(AGENCY_ATTENDANCE),
    ),
    text('The prison director (or delegate) liaises with the agency’s co-ordinator (C.07.04).', {
      subtle: true,
    }),
  ],
);

/**
 * The "new hui" form (C.07.01–C.07.04), in five steps and a review: everything the notification
 * form will carry. A support hui is not a private visit.
 */
export const c07StartSteps = steppedForm(
  'C07',
  [prisonerAndHui, whenAndWhere, people, supportPeople(1, 2), supportPeople(3, 4), otherParties],
  {
    heading: 'Organise a support hui',
    subtitle:
      'C.07 Support hui. A support hui is NOT a private visit: participants need not be approved visitors.',
    startTitle: 'Create hui',
  },
);

export const c07StartForm: FormRenderer = drawStartForm(c07StartSteps);
