import { z } from 'zod';
import type { ZodError } from 'zod';
import type { FieldError } from './errors';

/** Turns zod issues into one message per field, keyed by the card input's id. */
export function zodFieldErrors(error: ZodError): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'form';
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: issue.message });
  }
  return out;
}

/** Card inputs arrive as strings; an empty string means "not answered". */
export function blankToUndefined(v: unknown): unknown {
  return typeof v === 'string' && v.trim() === '' ? undefined : v;
}

/**
 * Card inputs arrive as strings: toggles as "true"/"false", multi-selects as "a,b", dates as
 * YYYY-MM-DD. These field schemas turn them into typed values with messages written for staff.
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

/** A multi-select ("a,b") as a list of known values. */
export function multi<T extends string>(values: readonly [T, ...T[]]) {
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

/** One of `values`; blank is "not chosen", with `message`. */
export const enumOf = <T extends string>(values: readonly T[], message = 'Choose one') =>
  z.preprocess(blankToUndefined, z.enum(values as unknown as [T, ...T[]], { errorMap: () => ({ message }) }));
