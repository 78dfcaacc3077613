import { z } from 'zod';
import { siteSchema } from '../../directory/person';
import { blankToUndefined } from '../../validation';
import { CHECK_ITEM_KEYS, CONDITIONS, GROUND_KEYS, RESTRICTIONS, VISITOR_TYPES } from './model';
import type { CheckItem, Condition, Ground, Restriction, VisitorType } from './model';

/**
 * Card inputs arrive as strings: toggles as "true"/"false", multi-selects as "a,b", dates as
 * YYYY-MM-DD. These helpers turn them into typed values with messages written for staff.
 */

export const req = (max = 200) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ required_error: 'Required', invalid_type_error: 'Required' })
      .min(1, 'Required')
      .max(max, `At most ${max} characters`),
  );
export const opt = (max = 200) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `At most ${max} characters`).optional());

export const flag = z.preprocess((v) => {
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false' || v === undefined || v === '') return false;
  return v;
}, z.boolean());

/** A yes/no answer that must be given (an unanswered choice is not "no"). */
export const yesNo = z.preprocess(
  (v) =>
    v === 'yes' || v === true || v === 'true'
      ? true
      : v === 'no' || v === false || v === 'false'
        ? false
        : blankToUndefined(v),
  z.boolean({ required_error: 'Answer yes or no', invalid_type_error: 'Answer yes or no' }),
);

const isIsoDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
export const date = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().slice(0, 10) : v),
  z.string({ required_error: 'Required', invalid_type_error: 'Required' }).refine(isIsoDate, 'Enter a date'),
);
export const optDate = z.preprocess(blankToUndefined, date.optional());

function multi<T extends string>(values: readonly [T, ...T[]]) {
  return z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : v === undefined
          ? []
          : v,
    z.array(z.enum(values)),
  );
}

const enumOf = <T extends string>(values: readonly T[], message = 'Choose one') =>
  z.preprocess(blankToUndefined, z.enum(values as unknown as [T, ...T[]], { errorMap: () => ({ message }) }));

export const groundsSchema = multi(GROUND_KEYS as unknown as [Ground, ...Ground[]]);
export const conditionsSchema = multi(Object.keys(CONDITIONS) as [Condition, ...Condition[]]);
export const restrictionSchema = enumOf(Object.keys(RESTRICTIONS) as Restriction[]);
export const deliverySchema = enumOf(
  ['by-hand', 'post', 'secure-email', 'email'] as const,
  'Choose how it was given',
);

export const v01StartSchema = z
  .object({
    site: siteSchema,
    prisonerId: req(40),
    prisonerName: req(200),
    cppAlert: yesNo,
    visitorType: enumOf(Object.keys(VISITOR_TYPES) as VisitorType[], 'Choose the visitor type'),
    visitorName: req(200),
    visitorDob: date,
    visitorId: opt(40),
    visitorAddress: req(400),
    visitorGender: opt(40),
    visitorRelationship: opt(200),
    orangaTamarikiCare: flag,
    consenterKind: z.preprocess(blankToUndefined, z.enum(['guardian', 'other']).optional()),
    consenterName: opt(200),
    consenterRelationship: opt(200),
    consenterAddress: opt(400),
    consenterReason: opt(1000),
    restriction: restrictionSchema,
    restrictionDetails: opt(1000),
    prohibitedElsewhere: flag,
    prohibitedSite: opt(60),
    prohibitedUntil: optDate,
    prohibitedDetails: opt(1000),
  })
  .superRefine((v, ctx) => {
    const need = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.visitorType === 'private-child' && !v.orangaTamarikiCare) {
      if (!v.consenterKind) need('consenterKind', 'Say who will consent for the child');
      if (!v.consenterName) need('consenterName', 'Required for a child visitor');
      if (!v.consenterRelationship) need('consenterRelationship', 'Required for a child visitor');
      if (!v.consenterAddress)
        need('consenterAddress', 'Required: the forms and the decision go to this address');
      if (v.consenterKind === 'other' && !v.consenterReason) {
        need('consenterReason', 'Say why the guardian is not available or not appropriate to consent');
      }
    }
    if (v.orangaTamarikiCare && v.visitorType !== 'private-child')
      need('orangaTamarikiCare', 'Only a child visitor can be in Oranga Tamariki care');
    if (v.restriction !== 'none' && !v.restrictionDetails)
      need('restrictionDetails', 'Describe the order or condition (court, date, terms)');
    if (v.prohibitedElsewhere && !v.prohibitedSite)
      need('prohibitedSite', 'Which prison issued the prohibition?');
  });
export type V01StartInput = z.infer<typeof v01StartSchema>;

const checkItem = enumOf(CHECK_ITEM_KEYS as CheckItem[]);

export const v01CommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('v01.recordProtectedPersonContact'),
    contactedOn: date,
    how: enumOf(['phone', 'in-person', 'letter', 'email'] as const, 'Say how they made contact'),
    details: req(2000),
    ownInitiative: flag.refine(
      (v) => v,
      'Confirm the protected person contacted the prison of their own accord',
    ),
  }),
  z.object({ type: z.literal('v01.recordCourtExemption'), reference: req(200), details: req(2000) }),
  z.object({
    type: z.literal('v01.updateRestriction'),
    restriction: restrictionSchema,
    restrictionDetails: req(1000),
  }),
  z.object({ type: z.literal('v01.recordCppAlert'), note: req(1000) }),
  z.object({
    type: z.literal('v01.recordOrangaTamarikiCheck'),
    inCare: yesNo,
    socialWorkerName: opt(200),
    socialWorkerEmail: z.preprocess(
      blankToUndefined,
      z.string().trim().email('Enter an email address').optional(),
    ),
    consenterKind: z.preprocess(blankToUndefined, z.enum(['guardian', 'other']).optional()),
    consenterName: opt(200),
    consenterRelationship: opt(200),
    consenterAddress: opt(400),
    consenterReason: opt(1000),
  }),
  z.object({ type: z.literal('v01.recordFormsSent'), sentTo: req(400), method: deliverySchema }),
  z.object({
    type: z.literal('v01.recordApplicationReceived'),
    method: enumOf(['in-person', 'post', 'secure-email'] as const, 'Say how the application came back'),
  }),
  z.object({
    type: z.literal('v01.checkItem'),
    item: checkItem,
    note: opt(2000),
    authorityGiven: z.preprocess(blankToUndefined, yesNo.optional()),
    minorSelected: flag,
    everImprisoned: z.preprocess(blankToUndefined, yesNo.optional()),
    imprisonedWhen: opt(200),
    onBail: z.preprocess(blankToUndefined, yesNo.optional()),
    convictedLastTwoYears: z.preprocess(blankToUndefined, yesNo.optional()),
    furtherInformationTo: z.preprocess(
      blankToUndefined,
      z.enum(['none', 'general-manager', 'advisory-panel']).optional(),
    ),
  }),
  z.object({ type: z.literal('v01.recordRiskCheck'), otherRiskSigns: req(4000) }),
  z.object({
    type: z.literal('v01.recordManagerConsulted'),
    manager: req(200),
    advice: enumOf(['panel', 'no-panel'] as const),
    note: req(2000),
  }),
  z.object({ type: z.literal('v01.routeToPanel'), reasons: req(2000) }),
  z.object({
    type: z.literal('v01.recommend'),
    recommendation: enumOf(['approve', 'deny', 'prohibit'] as const, 'Choose a recommendation'),
    reasons: req(4000),
  }),
  z.object({
    type: z.literal('v01.convenePanel'),
    coreMembers: z
      .array(
        z.object({ aadObjectId: z.string().trim().min(1).max(100), name: z.string().trim().min(1).max(200) }),
        {
          required_error: 'The core panel members could not be found in the directory',
        },
      )
      .min(1, 'There are no core advisory panel members at this site in the directory'),
  }),
  z.object({
    type: z.literal('v01.recordPanelAssessment'),
    assessment: req(8000),
    recommendation: enumOf(
      ['approve', 'approve-with-conditions', 'decline', 'in-person-panel'] as const,
      'Choose a recommendation',
    ),
    suggestedConditions: opt(2000),
  }),
  z.object({
    type: z.literal('v01.offerResponse'),
    grounds: groundsSchema,
    details: req(2000),
  }),
  z.object({ type: z.literal('v01.recordResponse'), response: req(4000) }),
  z.object({
    type: z.literal('v01.decide'),
    outcome: enumOf(
      ['approved', 'approved-with-conditions', 'declined', 'refer-in-person'] as const,
      'Choose a decision',
    ),
    conditions: conditionsSchema,
    conditionsOther: opt(2000),
    grounds: groundsSchema,
    visitorReasons: opt(2000),
    privacyChecked: flag,
    rationale: req(4000),
    cppReferred: flag,
    panelMeetingNote: opt(4000),
  }),
  z.object({ type: z.literal('v01.recordNoticeGiven'), notice: req(60), method: deliverySchema }),
  z.object({ type: z.literal('v01.recordFollowUp'), item: req(60), note: opt(1000), date: optDate }),
  z.object({
    type: z.literal('v01.requestReview'),
    requestedBy: enumOf(['visitor', 'prisoner'] as const, 'Who is asking for the review?'),
    receivedOn: date,
    channel: enumOf(['email', 'post', 'by-hand', 'complaint'] as const, 'How did the request arrive?'),
    complaintRef: opt(100),
    reasons: req(4000),
  }),
  z.object({
    type: z.literal('v01.decideReview'),
    outcome: enumOf(['confirm', 'reverse', 'modify', 'refuse'] as const, 'Choose an outcome'),
    reasons: req(4000),
    newConditions: conditionsSchema,
    newConditionsOther: opt(2000),
    earlierReview: opt(200),
    noMaterialChange: flag,
  }),
  z.object({ type: z.literal('v01.withdraw'), reason: req(2000) }),
]);
export type V01Command = z.infer<typeof v01CommandSchema>;
