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
