import { DateTime } from 'luxon';
import { z } from 'zod';
import { siteSchema } from '../../directory/person';
import { ValidationError } from '../../errors';
import { blankToUndefined, zodFieldErrors } from '../../validation';
import { PROGRAMME_KINDS, SECTION_KEYS, specOf } from './model';
import type { Answers, F17Details } from './model';

/**
 * What users may send, as zod schemas over card strings. Every message names the field in
 * words a case manager would use; errors are keyed by the card input's id.
 */

const required = (label: string, max = 200) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: `Enter ${label}.`, invalid_type_error: `Enter ${label}.` })
      .trim()
      .min(1, `Enter ${label}.`)
      .max(max, `${label[0]?.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer.`),
  );

const optionalText = (max = 4000) =>
  z.preprocess(
    blankToUndefined,
    z.string().trim().max(max, `Must be ${max} characters or fewer.`).optional(),
  );

/** A Teams user's aadObjectId: a GUID-like token, never a display name. */
export const aadObjectIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,100}$/, 'Choose a person from the list.');

const isoDate = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: `Enter ${label}.`, invalid_type_error: `Enter ${label}.` })
      .trim()
      .refine(
        (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid,
        `Enter ${label} as a date.`,
      ),
  );

export const startSchema = z
  .object({
    prisonerId: z.preprocess(
      blankToUndefined,
      z
        .string({ required_error: 'Enter the prisoner’s PRN.' })
        .trim()
        .regex(/^[A-Za-z0-9-]{3,20}$/, 'A PRN is 3 to 20 letters or digits.'),
    ),
    prisonerName: required('the prisoner’s name'),
    accusedStatus: z.preprocess(
      blankToUndefined,
      z
        .string({ required_error: 'Choose the prisoner’s status.' })
        .refine(
          (v) => v === 'remand',
          'A suitability to mix assessment is only for accused (remand) prisoners; convicted and sentenced prisoners already mix.',
        )
        .transform(() => 'remand' as const),
    ),
    courtDate: isoDate('the next court date'),
    gangStatus: required('the gang status (or “none”)'),
    rmtStatus: required('the RMT status'),
    rmtLevel: required('the RMT level (or “n/a”)', 40),
    programmeName: required('the programme’s name'),
    programmeKind: z.enum(PROGRAMME_KINDS, {
      errorMap: () => ({ message: 'Choose the kind of non-offence based programme.' }),
    }),
    participants: z.preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v)) : v),
      z
        .number({
          required_error: 'Enter the number of participants.',
          invalid_type_error: 'Enter a number.',
        })
        .int('Enter a whole number.')
        .min(1, 'There must be at least one participant.')
        .max(200, 'Enter 200 or fewer participants.'),
    ),
    facilitatorId: z.preprocess(blankToUndefined, aadObjectIdSchema.optional()),
    facilitatorName: optionalText(200),
    location: required('where the programme is held'),
    site: z.preprocess(
      blankToUndefined,
      z.string({ required_error: 'Enter the prison site.' }).pipe(siteSchema),
    ),
  })
  .superRefine((v, ctx) => {
    if (!v.facilitatorId && !v.facilitatorName) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['facilitatorName'],
        message: 'Choose the programme facilitator or type their name.',
      });
    }
  })
  .transform((v): F17Details => ({
    prisonerId: v.prisonerId.toUpperCase(),
    prisonerName: v.prisonerName,
    accusedStatus: v.accusedStatus,
    courtDate: v.courtDate,
    gangStatus: v.gangStatus,
    rmtStatus: v.rmtStatus,
    rmtLevel: v.rmtLevel,
    programmeName: v.programmeName,
    programmeKind: v.programmeKind,
    participants: v.participants,
    facilitator: {
      ...(v.facilitatorId ? { aadObjectId: v.facilitatorId } : {}),
      ...(v.facilitatorName ? { name: v.facilitatorName } : {}),
    },
    location: v.location,
    site: v.site,
  }));
export type F17StartInput = F17Details;

const sectionName = z.enum(SECTION_KEYS as [string, ...string[]], {
  errorMap: () => ({ message: 'Unknown section.' }),
});

export const commandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('f17.recordConsent'),
    consentObtainedBy: required('who consulted the prisoner'),
    consentDate: isoDate('the date consent was given'),
    consentFormReference: required('the consent form’s reference'),
  }),
  // Section answers arrive as the card's flat inputs; decide() checks them against the section.
  z.object({ type: z.literal('f17.saveSectionDraft'), section: sectionName }).passthrough(),
  z.object({ type: z.literal('f17.submitSection'), section: sectionName }).passthrough(),
  z.object({
    type: z.literal('f17.nameContributor'),
    contributorId: z.preprocess(
      blankToUndefined,
      z.string({ required_error: 'Choose the person to ask.' }).pipe(aadObjectIdSchema),
    ),
    /** Filled by the server from the directory (./serverFields): the card has no name field. */
    contributorName: z.string().trim().min(1).max(200).optional(),
    contributorDescription: required('what they will add (e.g. programme provider)'),
  }),
  z.object({
    type: z.literal('f17.submitReview'),
    summary: required('a summary of the information', 4000),
    risks: required('the risks identified (or “none”)', 4000),
    riskManagement: required('how each risk will be managed', 4000),
    recommendation: z.enum(['supported', 'not-supported'], {
      errorMap: () => ({ message: 'Choose supported or not supported.' }),
    }),
  }),
  z.object({
    type: z.literal('f17.decide'),
    outcome: z.enum(['approved', 'declined'], {
      errorMap: () => ({ message: 'Choose approve or decline.' }),
    }),
    consideration: required('your consideration and opinion', 4000),
    reasons: required('the reasons for the decision', 4000),
    // F.17.05: what may be released to the prisoner is recorded apart from the internal texts.
    releasableReasons: required('the reasons that may be released to the prisoner', 4000),
    releasableChecked: z.preprocess(
      (v) => v === true || v === 'true',
      z.literal(true, {
        errorMap: () => ({
          message: 'Confirm these reasons hold no intelligence or non-association information.',
        }),
      }),
    ),
  }),
  z.object({
    type: z.literal('f17.confirmConsentFormUploaded'),
    uploadReference: required('the IOMS document reference or note'),
  }),
  z.object({
    type: z.literal('f17.confirmPrisonerInformed'),
    informedOn: isoDate('the date you told the prisoner'),
    howInformed: required('how you told them (e.g. in person in the unit)'),
  }),
  z.object({
    type: z.literal('f17.withdrawConsent'),
    withdrawalNote: required('a note of what the prisoner said and when', 4000),
  }),
]);
export type F17Command = z.infer<typeof commandSchema>;

/** Checks a section's answers: all fields on submit, only lengths on a draft. */
export function parseAnswers(
  sectionKey: string,
  raw: Record<string, unknown>,
  mode: 'draft' | 'submit',
): Answers {
  const spec = specOf(sectionKey);
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const f of spec.fields) {
    if (f.kind === 'yesno') {
      const yn = z.enum(['yes', 'no'], { errorMap: () => ({ message: 'Choose yes or no.' }) });
      shape[f.id] = z.preprocess(blankToUndefined, mode === 'submit' && f.required ? yn : yn.optional());
    } else if (mode === 'submit' && f.required) {
      shape[f.id] = required(`an answer for “${f.label}”`, 4000);
    } else {
      shape[f.id] = optionalText(4000);
    }
  }
  const parsed = z.object(shape).safeParse(raw);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  const out: Answers = {};
  for (const [k, v] of Object.entries(parsed.data as Record<string, unknown>)) {
    if (typeof v === 'string' && v !== '') out[k] = v;
  }
  return out;
}
