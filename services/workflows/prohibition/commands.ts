import { z } from 'zod';
import { siteSchema } from '../../directory/person';
import { deliverySchema, groundsSchema } from '../../policy/v01';
import { date, enumOf, flag, opt, optDate, req } from '../../validation';
import { recordExpirySchema } from './expiry';

/** What staff and the Chief Inspector may send about an order, as zod schemas over card strings. */

const SCOPES = ['prisoner', 'prisoners', 'prison'] as const;

export const startSchema = z.object({
  site: siteSchema,
  visitorName: req(200),
  visitorDob: date,
  visitorId: opt(40),
  visitorAddress: req(400),
  guardianName: opt(200),
  guardianAddress: opt(400),
  scope: enumOf(SCOPES, 'Say who the order covers'),
  prisoners: opt(4000),
  grounds: groundsSchema,
  reasons: req(4000),
  privacyChecked: flag,
  expiresOn: date,
  relatedApplicationId: opt(40),
});
export type V01PStartInput = z.infer<typeof startSchema>;

export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('v01p.recordNoticeGiven'), notice: req(80), method: deliverySchema }),
  z.object({
    type: z.literal('v01p.requestReview'),
    applicant: enumOf(['visitor', 'guardian', 'prisoner'] as const, 'Who applied?'),
    applicantName: req(200),
    receivedOn: date,
    reasons: req(4000),
  }),
  z.object({
    type: z.literal('v01p.decideReview'),
    outcome: enumOf(['confirm', 'reverse', 'modify', 'refuse'] as const, 'Choose an outcome'),
    reasons: req(4000),
    newExpiresOn: optDate,
    newScope: z.preprocess((v) => (v === '' ? undefined : v), z.enum(SCOPES).optional()),
    newPrisoners: opt(4000),
    earlierReview: opt(200),
    noMaterialChange: flag,
  }),
  recordExpirySchema,
]);
export type V01PCommand = z.infer<typeof commandSchema>;
export type V01PCommandType = V01PCommand['type'];
