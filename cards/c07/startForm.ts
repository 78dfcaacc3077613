import {
  AGENCY_ATTENDANCE,
  HUI_KINDS,
  LOCATION_TYPES,
  MODES,
  PILLARS,
} from '../../services/workflows/c07/model';
import { choiceInput, dateInput, numberInput, text, textInput, timeInput } from '../kit';
import { personPicker } from '../personPicker';
import { prisonerInputs, siteInput } from '../formFields';
import { drawStartForm, formStep } from '../steps';
import type { SteppedForm } from '../steps';
import type { FormRenderer } from '../types';
import { DOB_LABEL } from './common';

const choices = (o: Record<string, string>) => Object.entries(o).map(([value, title]) => ({ title, value }));
const slots = (count: number, ...suffixes: string[]) =>
  Array.from({ length: count }, (_, i) => suffixes.map((s) => s.replace('#', String(i + 1)))).flat();

const prisonerAndHui = formStep(
  'prisoner and hui',
  ['prisonerId', 'prisonerName', 'site', 'huiKind', 'purpose', 'objectives', 'protectiveFactors', 'pillars'],
  (v, ctx) => {
    const e = ctx.errors;
    return [
      ...prisonerInputs(v, e, { prn: 'Prisoner PRN', name: 'Prisoner name', prnMax: 40 }),
      ...siteInput('Site where the hui is held (prison or service centre)', v('site'), e),
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
    ];
  },
);

const whenAndWhere = formStep(
  'when and where',
  ['date', 'time', 'durationMinutes', 'locationType', 'place', 'mode'],
  (v, ctx) => {
    const e = ctx.errors;
    return [
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
    ];
  },
);

/**
 * Staff who are not the prisoner's case manager name them (C.07.02, C.07.05), picked from the
 * case managers at the hui's site (entered on the first step): the value is an aadObjectId the
 * server looks up in the directory again and the bot can notify.
 */
const people = formStep(
  'people',
  ['caseManagerId', 'correctionsStaff', ...slots(3, 'pv#Org', 'pv#Person')],
  (v, ctx) => {
    const e = ctx.errors;
    return [
      ...personPicker({
        id: 'caseManagerId',
        label: 'The prisoner’s case manager (leave blank if that is you)',
        field: 'case-manager',
        site: v('site'),
        value: v('caseManagerId'),
        errors: e,
        people: ctx.people,
      }),
      ...textInput({
        id: 'correctionsStaff',
        label: 'Corrections staff attending (one per line: name and role)',
        value: v('correctionsStaff'),
        multiline: true,
        maxLength: 2000,
        errors: e,
      }),
      ...[1, 2, 3].flatMap((n) => [
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
      ]),
    ];
  },
);

/** Support people n…m (two to a step, so no step is long): name, relationship, contact, date of birth. */
const supportPeople = (first: number, last: number) => {
  const ns = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return formStep(
    `support people ${first}–${last}`,
    ns.flatMap((n) => [`sp${n}Name`, `sp${n}Relationship`, `sp${n}Contact`, `sp${n}Dob`]),
    (v, ctx) => {
      const e = ctx.errors;
      return [
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
          ...textInput({ id: `sp${n}Name`, label: 'Name', value: v(`sp${n}Name`), errors: e }),
          ...textInput({
            id: `sp${n}Relationship`,
            label: 'Relationship to the prisoner',
            value: v(`sp${n}Relationship`),
            errors: e,
          }),
          ...textInput({
            id: `sp${n}Contact`,
            label: 'Contact details',
            value: v(`sp${n}Contact`),
            errors: e,
          }),
          ...dateInput({ id: `sp${n}Dob`, label: DOB_LABEL, value: v(`sp${n}Dob`), errors: e }),
        ]),
      ];
    },
  );
};

const otherParties = formStep(
  'restorative justice or another agency',
  ['rjVictims', 'agency', 'agencyCoordinator', 'agencyCoordinatorContact', 'agencyAttendance'],
  (v, ctx) => {
    const e = ctx.errors;
    return [
      text('Only for a restorative justice conference', { weight: 'Bolder' }),
      ...textInput({
        id: 'rjVictims',
        label: 'Victim parties (or their representatives): one per line, name — who they are',
        value: v('rjVictims'),
        multiline: true,
        maxLength: 2000,
        errors: e,
      }),
      text('The conference goes ahead only if every party gives informed consent.', { subtle: true }),
      text('Only for a family group conference or a hui another government agency organises', {
        weight: 'Bolder',
      }),
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
    ];
  },
);

/**
 * The "new hui" form (C.07.01–C.07.04), in five steps and a review: everything the notification
 * form will carry. A support hui is not a private visit.
 */
export const c07StartSteps: SteppedForm = {
  kind: 'C07',
  heading: 'Organise a support hui',
  subtitle:
    'C.07 Support hui. A support hui is NOT a private visit: participants need not be approved visitors.',
  startTitle: 'Create hui',
  steps: [prisonerAndHui, whenAndWhere, people, supportPeople(1, 2), supportPeople(3, 4), otherParties],
};

export const c07StartForm: FormRenderer = drawStartForm(c07StartSteps);
