import { z } from 'zod';
import { blankToUndefined } from '../../validation';
import { caseManagerCheckSchema } from './caseManager';
import type { CaseManagerCheck } from './caseManager';
import {
  addPersonShape,
  dateField,
  durationField,
  oneOf,
  optional,
  pillarsField,
  providerShape,
  readProviders,
  readSchedule,
  readStaff,
  readSupportPeople,
  required,
  supportShape,
  timeField,
  toggle,
} from './fields';
import type { ProviderInput, Raw, ScheduleInput, SupportPersonInput } from './fields';
import { AGENCY_ATTENDANCE, HUI_KINDS, INVOLVEMENT_LEVELS, LOCATION_TYPES, MODES } from './model';
import type {
  AgencyAttendance,
  AgencyDetails,
  HuiKind,
  InvolvementLevel,
  LocationType,
  Mode,
  Pillar,
} from './model';
import { readAgency, readVictims } from './parties';
import type { VictimPartyInput } from './parties';

export type { ProviderInput, ScheduleInput, SupportPersonInput } from './fields';

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
    const supportPeople = readSupportPeople(r, ctx);
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

export type C07CommandType = C07Command['type'];
/** The command of one type. */
export type CommandOf<T extends C07CommandType> = Extract<C07Command, { type: T }>;

const personId = z.string().trim().min(1, 'Choose a support person.').max(20);
const shortId = z.string().trim().min(1).max(20);
const reason = (label: string) => required(label, 1000);

const commandSchemas: Record<C07CommandType, z.ZodTypeAny> = {
  'c07.recordPrisonerConsent': z.object({
    personId,
    prisonerConsent: oneOf(['given', 'refused'], 'Choose whether the prisoner consents.'),
  }),
  'c07.recordSupportConsent': z.object({
    personId,
    supportConsent: oneOf(['given', 'declined'], 'Choose whether they consent to take part.'),
  }),
  'c07.recordSuitability': z.object({
    personId,
    suitable: oneOf(['yes', 'no'], 'Choose whether they are suitable.'),
    assessment: required('the suitability assessment', 4000),
    involvement: oneOf(INVOLVEMENT_LEVELS, 'Choose the level of pro-social involvement.'),
    contactPlan: required('when and how contact with them should occur', 2000),
    iomsRecorded: toggle,
  }),
  'c07.recordPartyConsent': z.object({
    party: shortId,
    partyConsent: oneOf(['given', 'refused'], 'Choose whether informed consent was given.'),
  }),
  'c07.removeSupportPerson': z.object({ personId, removeReason: reason('why they are removed') }),
  'c07.changeAttendees': z
    .object({
      correctionsStaff: optional('the corrections staff', 2000),
      ...providerShape,
      ...addPersonShape,
    })
    .passthrough()
    .transform((raw, ctx) => {
      const r = raw as Raw;
      const providers = readProviders(r, ctx);
      const add = readSupportPeople(r, ctx, ['add'])[0];
      return { correctionsStaff: readStaff(raw.correctionsStaff), providers, ...(add ? { add } : {}) };
    }),
  'c07.sendForSignOff': z.object({}),
  'c07.askQuestion': z.object({ question: required('your question', 2000) }),
  'c07.answerQuestion': z.object({ questionId: shortId, answer: required('your answer', 4000) }),
  'c07.requireSafetyMeasures': z.object({ measures: required('the safety measures', 4000) }),
  // The sign-off button sends the card's other answers too, so nothing typed there is dropped unseen.
  'c07.signOff': z.object({
    measures: optional('the safety measures', 4000),
    question: optional('your question', 2000),
  }),
  'c07.reschedule': z
    .object({
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
      return { schedule, reason: raw.rescheduleReason };
    }),
  'c07.cancel': z
    .object({ cancelReason: reason('why the hui is cancelled') })
    .transform((raw) => ({ reason: raw.cancelReason })),
  'c07.recordExternalCopy': z.object({ copySentTo: required('who received the copy and how', 500) }),
  'c07.recordOutcome': z.object({
    outcomeActions: required('the outcome actions', 4000),
    iomsRecorded: toggle,
    supportNetwork: optional('the support network', 4000),
    safetyPlan: optional('the safety plan', 4000),
  }),
};

const isCommandType = (t: unknown): t is C07CommandType =>
  typeof t === 'string' && Object.prototype.hasOwnProperty.call(commandSchemas, t);

/** Dispatches on `type` first so a bad answer is reported against its own field, not as "invalid union". */
export const commandSchema: z.ZodType<C07Command, z.ZodTypeDef, unknown> = z
  .unknown()
  .transform((value, ctx): C07Command => {
    const type = typeof value === 'object' && value !== null ? (value as Raw).type : undefined;
    if (!isCommandType(type)) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'This action is not part of a support hui.' });
      return z.NEVER;
    }
    const parsed = commandSchemas[type].safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { type, ...(parsed.data as object) } as C07Command;
  });
