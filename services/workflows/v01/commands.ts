import { z } from 'zod';
import { siteSchema } from '../../directory/person';
import { deliverySchema, groundsSchema } from '../../policy/v01';
import { blankToUndefined, date, enumOf, flag, multi, opt, optDate, req, yesNo } from '../../validation';
import { CHECK_ITEM_KEYS, CONDITIONS, RESTRICTIONS, VISITOR_TYPES } from './model';
import type { CheckItem, Condition, Restriction, VisitorType } from './model';

/** What staff, panel members and deciders may send about a visitor application, as zod schemas over card strings. */

export const conditionsSchema = multi(Object.keys(CONDITIONS) as [Condition, ...Condition[]]);
export const restrictionSchema = enumOf(Object.keys(RESTRICTIONS) as Restriction[]);

/** What a decision records, the first time and again after a suspension (V.01.04–06). */
const decisionFields = {
  conditions: conditionsSchema,
  conditionsOther: opt(2000),
  grounds: groundsSchema,
  visitorReasons: opt(2000),
  privacyChecked: flag,
  rationale: req(4000),
};

export const startSchema = z
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
export type V01StartInput = z.infer<typeof startSchema>;

const checkItem = enumOf(CHECK_ITEM_KEYS as CheckItem[]);

export const commandSchema = z.discriminatedUnion('type', [
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
    ...decisionFields,
    cppReferred: flag,
    panelMeetingNote: opt(4000),
  }),
  z.object({
    type: z.literal('v01.redecide'),
    outcome: enumOf(['approved-with-conditions', 'declined'] as const, 'Choose a decision'),
    ...decisionFields,
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
export type V01Command = z.infer<typeof commandSchema>;
export type V01CommandType = V01Command['type'];
