import { z } from 'zod';
import { readAgency, readVictims } from './parties';
import type { VictimPartyInput } from './parties';
import { caseManagerCheckSchema } from './caseManager';
import type { CaseManagerCheck } from './caseManager';
import { nzLocalToUtc } from '../../time';
import { blankToUndefined } from '../../validation';
import { AGENCY_ATTENDANCE, HUI_KINDS, INVOLVEMENT_LEVELS, LOCATION_TYPES, MODES, PILLARS } from './model';
import type {
  AgencyAttendance,
  AgencyDetails,
  HuiKind,
  InvolvementLevel,
  LocationType,
  Mode,
  Pillar,
} from './model';

/**
 * Card submissions arrive as strings keyed by input id. These schemas check them field by field,
 * so each message lands beside the input it is about, and turn them into the hui's own shape.
 */

function required(label: string, max = 200) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: `Enter ${label}.`, invalid_type_error: `Enter ${label}.` })
      .trim()
      .min(1, `Enter ${label}.`)
      .max(max, `Keep ${label} to ${max} characters.`),
  );
}

function optional(label: string, max = 200) {
  return z.preprocess(
    blankToUndefined,
    z.string().trim().max(max, `Keep ${label} to ${max} characters.`).optional(),
  );
}

function oneOf<K extends string>(values: Record<K, string>, message: string) {
  const keys = Object.keys(values) as [K, ...K[]];
  return z.preprocess(blankToUndefined, z.enum(keys, { errorMap: () => ({ message }) }));
}

const dateField = z.preprocess(
  blankToUndefined,
  z
    .string({ required_error: 'Enter the date of the hui.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as a calendar date.'),
);
const timeField = z.preprocess(
  blankToUndefined,
  z
    .string({ required_error: 'Enter the start time of the hui.' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the start time as hours and minutes, e.g. 10:00.'),
);
const durationField = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : blankToUndefined(v)),
  z
    .number({
      required_error: 'Enter how long the hui will take, in minutes.',
      invalid_type_error: 'Enter the duration as a number of minutes.',
    })
    .int('Enter the duration in whole minutes.')
    .min(15, 'A hui takes at least 15 minutes.')
    .max(600, 'A hui takes at most 10 hours; plan a longer one as two hui.'),
);

/** Multi-select choice sets send "a,b,c". */
const pillarsField = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== '')
      : (v ?? []),
  z.array(
    z.enum(Object.keys(PILLARS) as [Pillar, ...Pillar[]], {
      errorMap: () => ({ message: 'Choose pillars from the list.' }),
    }),
  ),
);

const SUPPORT_SLOTS = [1, 2, 3, 4] as const;
const PROVIDER_SLOTS = [1, 2, 3] as const;

export interface ScheduleInput {
  date: string;
  time: string;
  durationMinutes: number;
  startsAt: Date;
}

export interface SupportPersonInput {
  name: string;
  relationship: string;
  contact: string;
}

export interface ProviderInput {
  organisation: string;
  person: string;
}

export interface StartInput {
  prisonerId: string;
  prisonerName: string;
  site: string;
  caseManagerId?: string;
  /** Supplied by the server from the directory (see caseManager.ts); never from a card. */
  caseManagerCheck?: CaseManagerCheck;
  huiKind: HuiKind;
  purpose: string;
  objectives: string;
  protectiveFactors?: string;
  pillars: Pillar[];
  schedule: ScheduleInput;
  locationType: LocationType;
  place: string;
  mode: Mode;
  correctionsStaff: string[];
  providers: ProviderInput[];
  supportPeople: SupportPersonInput[];
  agency?: AgencyDetails;
  /** A restorative justice conference's victim parties (see parties.ts). */
  victimParties?: VictimPartyInput[];
}

function slotShape(prefix: string, fields: Record<string, string>): Record<string, z.ZodTypeAny> {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const [suffix, label] of Object.entries(fields)) shape[`${prefix}${suffix}`] = optional(label);
  return shape;
}

const supportFields = { Name: 'the name', Relationship: 'the relationship', Contact: 'the contact details' };
const providerFields = { Org: 'the organisation', Person: "the person's name" };

const supportShape = Object.assign(
  {},
  ...SUPPORT_SLOTS.map((n) => slotShape(`sp${n}`, supportFields)),
) as Record<string, z.ZodTypeAny>;
const providerShape = Object.assign(
  {},
  ...PROVIDER_SLOTS.map((n) => slotShape(`pv${n}`, providerFields)),
) as Record<string, z.ZodTypeAny>;

type Raw = Record<string, unknown>;

/** Each support-person row is all or nothing: a name with no way to reach them helps nobody. */
function readSupportPeople(raw: Raw, ctx: z.RefinementCtx, prefixes: string[]): SupportPersonInput[] {
  const out: SupportPersonInput[] = [];
  for (const p of prefixes) {
    const name = raw[`${p}Name`] as string | undefined;
    const relationship = raw[`${p}Relationship`] as string | undefined;
    const contact = raw[`${p}Contact`] as string | undefined;
    if (!name && !relationship && !contact) continue;
    if (!name)
      ctx.addIssue({ code: 'custom', path: [`${p}Name`], message: 'Enter the support person’s name.' });
    if (!relationship)
      ctx.addIssue({
        code: 'custom',
        path: [`${p}Relationship`],
        message: 'Enter their relationship to the prisoner.',
      });
    if (!contact)
      ctx.addIssue({ code: 'custom', path: [`${p}Contact`], message: 'Enter how to contact them.' });
    if (name && relationship && contact) out.push({ name, relationship, contact });
  }
  return out;
}

function readProviders(raw: Raw, ctx: z.RefinementCtx): ProviderInput[] {
  const out: ProviderInput[] = [];
  for (const n of PROVIDER_SLOTS) {
    const organisation = raw[`pv${n}Org`] as string | undefined;
    const person = raw[`pv${n}Person`] as string | undefined;
    if (!organisation && !person) continue;
    if (!organisation)
      ctx.addIssue({
        code: 'custom',
        path: [`pv${n}Org`],
        message: 'Enter the service provider’s organisation.',
      });
    if (!person)
      ctx.addIssue({
        code: 'custom',
        path: [`pv${n}Person`],
        message: 'Enter who from the provider will attend.',
      });
    if (organisation && person) out.push({ organisation, person });
  }
  return out;
}

function readStaff(v: string | undefined): string[] {
  return (v ?? '')
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** Date and time are NZ local; a time the clocks skip on a daylight-saving day is refused, not moved. */
function readSchedule(
  raw: { date: string; time: string; durationMinutes: number },
  ctx: z.RefinementCtx,
  fields = { date: 'date', time: 'time' },
): ScheduleInput | undefined {
  const startsAt = nzLocalToUtc(raw.date, raw.time);
  if (!startsAt) {
    const dateOnly = nzLocalToUtc(raw.date, '12:00');
    if (!dateOnly)
      ctx.addIssue({ code: 'custom', path: [fields.date], message: 'That date does not exist.' });
    else
      ctx.addIssue({
        code: 'custom',
        path: [fields.time],
        message: `${raw.time} does not exist in New Zealand on ${raw.date} (the clocks go forward); choose another time.`,
      });
    return undefined;
  }
  return { date: raw.date, time: raw.time, durationMinutes: raw.durationMinutes, startsAt };
}

export const startSchema: z.ZodType<StartInput, z.ZodTypeDef, unknown> = z
  .object({
    prisonerId: required('the prisoner’s PRN', 40),
    prisonerName: required('the prisoner’s name'),
    site: required('the site where the hui is held', 60).pipe(
      z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _-]*$/, 'A site is letters, digits, spaces, - or _.'),
    ),
    caseManagerId: optional('the case manager', 100),
    caseManagerCheck: caseManagerCheckSchema.optional(),
    huiKind: oneOf(HUI_KINDS, 'Choose the kind of hui.'),
    purpose: required('the purpose of the hui', 2000),
    objectives: required('the objectives of the hui', 2000),
    protectiveFactors: optional('the protective factors', 2000),
    pillars: pillarsField,
    date: dateField,
    time: timeField,
    durationMinutes: durationField,
    locationType: oneOf(LOCATION_TYPES, 'Choose where the hui is held.'),
    place: required('the place (room, address or office)', 300),
    mode: oneOf(MODES, 'Choose how participants attend.'),
    correctionsStaff: optional('the corrections staff', 2000),
    agency: optional('the agency', 200),
    agencyCoordinator: optional('the agency’s co-ordinator', 200),
    agencyCoordinatorContact: optional('the co-ordinator’s contact details', 200),
    rjVictims: optional('the victim parties', 2000),
    agencyAttendance: z.preprocess(
      blankToUndefined,
      z
        .enum(Object.keys(AGENCY_ATTENDANCE) as [AgencyAttendance, ...AgencyAttendance[]], {
          errorMap: () => ({ message: 'Choose how the prisoner attends.' }),
        })
        .optional(),
    ),
    ...supportShape,
    ...providerShape,
  })
  .passthrough()
  .transform((raw, ctx): StartInput => {
    const r = raw as Raw & typeof raw;
    const schedule = readSchedule(raw, ctx);
    const supportPeople = readSupportPeople(
      r,
      ctx,
      SUPPORT_SLOTS.map((n) => `sp${n}`),
    );
    const providers = readProviders(r, ctx);
    const agency = readAgency(raw, ctx);
    const victimParties = readVictims(raw, ctx);
    if (!schedule) return z.NEVER;
    return {
      prisonerId: raw.prisonerId,
      prisonerName: raw.prisonerName,
      site: raw.site,
      ...(raw.caseManagerId ? { caseManagerId: raw.caseManagerId } : {}),
      ...(raw.caseManagerCheck ? { caseManagerCheck: raw.caseManagerCheck } : {}),
      huiKind: raw.huiKind,
      purpose: raw.purpose,
      objectives: raw.objectives,
      ...(raw.protectiveFactors ? { protectiveFactors: raw.protectiveFactors } : {}),
      pillars: [...new Set(raw.pillars)],
      schedule,
      locationType: raw.locationType,
      place: raw.place,
      mode: raw.mode,
      correctionsStaff: readStaff(raw.correctionsStaff),
      providers,
      supportPeople,
      ...(victimParties ? { victimParties } : {}),
      ...(agency ? { agency } : {}),
    };
  });

const personId = z.string().trim().min(1, 'Choose a support person.').max(20);
const reason = (label: string) => required(label, 1000);

const attendeesShape = {
  correctionsStaff: optional('the corrections staff', 2000),
  ...providerShape,
  ...slotShape('add', supportFields),
};

export type C07Command =
  | { type: 'c07.recordPrisonerConsent'; personId: string; prisonerConsent: 'given' | 'refused' }
  | { type: 'c07.recordSupportConsent'; personId: string; supportConsent: 'given' | 'declined' }
  | {
      type: 'c07.recordSuitability';
      personId: string;
      suitable: 'yes' | 'no';
      assessment: string;
      involvement: InvolvementLevel;
      contactPlan: string;
      iomsRecorded: boolean;
    }
  | { type: 'c07.recordPartyConsent'; party: string; partyConsent: 'given' | 'refused' }
  | { type: 'c07.removeSupportPerson'; personId: string; removeReason: string }
  | {
      type: 'c07.changeAttendees';
      correctionsStaff: string[];
      providers: ProviderInput[];
      add?: SupportPersonInput;
    }
  | { type: 'c07.sendForSignOff' }
  | { type: 'c07.askQuestion'; question: string }
  | { type: 'c07.answerQuestion'; questionId: string; answer: string }
  | { type: 'c07.requireSafetyMeasures'; measures: string }
  | { type: 'c07.signOff'; measures?: string; question?: string }
  | { type: 'c07.reschedule'; schedule: ScheduleInput; reason: string }
  | { type: 'c07.cancel'; reason: string }
  | { type: 'c07.recordExternalCopy'; copySentTo: string }
  | {
      type: 'c07.recordOutcome';
      outcomeActions: string;
      iomsRecorded: boolean;
      supportNetwork?: string;
      safetyPlan?: string;
    };

const toggle = z.preprocess((v) => v === true || v === 'true', z.boolean());

const commandSchemas: z.ZodTypeAny[] = [
  z.object({
    type: z.literal('c07.recordPrisonerConsent'),
    personId,
    prisonerConsent: z.preprocess(
      blankToUndefined,
      z.enum(['given', 'refused'], {
        errorMap: () => ({ message: 'Choose whether the prisoner consents.' }),
      }),
    ),
  }),
  z.object({
    type: z.literal('c07.recordSupportConsent'),
    personId,
    supportConsent: z.preprocess(
      blankToUndefined,
      z.enum(['given', 'declined'], {
        errorMap: () => ({ message: 'Choose whether they consent to take part.' }),
      }),
    ),
  }),
  z.object({
    type: z.literal('c07.recordSuitability'),
    personId,
    suitable: z.preprocess(
      blankToUndefined,
      z.enum(['yes', 'no'], { errorMap: () => ({ message: 'Choose whether they are suitable.' }) }),
    ),
    assessment: required('the suitability assessment', 4000),
    involvement: oneOf(INVOLVEMENT_LEVELS, 'Choose the level of pro-social involvement.'),
    contactPlan: required('when and how contact with them should occur', 2000),
    iomsRecorded: toggle,
  }),
  z.object({
    type: z.literal('c07.recordPartyConsent'),
    party: z.string().trim().min(1).max(20),
    partyConsent: z.preprocess(
      blankToUndefined,
      z.enum(['given', 'refused'], {
        errorMap: () => ({ message: 'Choose whether informed consent was given.' }),
      }),
    ),
  }),
  z.object({
    type: z.literal('c07.removeSupportPerson'),
    personId,
    removeReason: reason('why they are removed'),
  }),
  z
    .object({ type: z.literal('c07.changeAttendees'), ...attendeesShape })
    .passthrough()
    .transform((raw, ctx) => {
      const r = raw as Raw;
      const providers = readProviders(r, ctx);
      const add = readSupportPeople(r, ctx, ['add'])[0];
      return {
        type: 'c07.changeAttendees' as const,
        correctionsStaff: readStaff(r.correctionsStaff as string | undefined),
        providers,
        ...(add ? { add } : {}),
      };
    }),
  z.object({ type: z.literal('c07.sendForSignOff') }),
  z.object({ type: z.literal('c07.askQuestion'), question: required('your question', 2000) }),
  z.object({
    type: z.literal('c07.answerQuestion'),
    questionId: z.string().trim().min(1).max(20),
    answer: required('your answer', 4000),
  }),
  z.object({ type: z.literal('c07.requireSafetyMeasures'), measures: required('the safety measures', 4000) }),
  // The sign-off button sends the card's other answers too, so nothing typed there is dropped unseen.
  z.object({
    type: z.literal('c07.signOff'),
    measures: optional('the safety measures', 4000),
    question: optional('your question', 2000),
  }),
  z
    .object({
      type: z.literal('c07.reschedule'),
      newDate: dateField,
      newTime: timeField,
      newDuration: durationField,
      rescheduleReason: reason('why the hui is rescheduled'),
    })
    .transform((raw, ctx) => {
      const schedule = readSchedule(
        { date: raw.newDate, time: raw.newTime, durationMinutes: raw.newDuration },
        ctx,
        { date: 'newDate', time: 'newTime' },
      );
      if (!schedule) return z.NEVER;
      return { type: 'c07.reschedule' as const, schedule, reason: raw.rescheduleReason };
    }),
  z
    .object({ type: z.literal('c07.cancel'), cancelReason: reason('why the hui is cancelled') })
    .transform((raw) => ({
      type: 'c07.cancel' as const,
      reason: raw.cancelReason,
    })),
  z.object({
    type: z.literal('c07.recordExternalCopy'),
    copySentTo: required('who received the copy and how', 500),
  }),
  z.object({
    type: z.literal('c07.recordOutcome'),
    outcomeActions: required('the outcome actions', 4000),
    iomsRecorded: toggle,
    supportNetwork: optional('the support network', 4000),
    safetyPlan: optional('the safety plan', 4000),
  }),
];

const byType = new Map<string, z.ZodTypeAny>(
  commandSchemas.map((schema) => {
    const inner = schema instanceof z.ZodEffects ? (schema.innerType() as z.ZodTypeAny) : schema;
    const shape = (inner as z.AnyZodObject).shape as { type: z.ZodLiteral<string> };
    return [shape.type.value, schema];
  }),
);

/** Dispatches on `type` first so a bad answer is reported against its own field, not as "invalid union". */
export const commandSchema: z.ZodType<C07Command, z.ZodTypeDef, unknown> = z
  .unknown()
  .transform((value, ctx): C07Command => {
    const type = typeof value === 'object' && value !== null ? (value as Raw).type : undefined;
    const schema = typeof type === 'string' ? byType.get(type) : undefined;
    if (!schema) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'This action is not part of a support hui.' });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return parsed.data as C07Command;
  });
