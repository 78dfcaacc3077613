import { z } from 'zod';
import { nzLocalToUtc } from '../../time';
import { blankToUndefined } from '../../validation';
import { PILLARS } from './model';
import type { Pillar, Schedule } from './model';

/**
 * Card submissions arrive as strings keyed by input id. These fields check them one by one, so each
 * message lands beside the input it is about, and the readers turn them into the hui's own shape.
 */

export function required(label: string, max = 200) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: `Enter ${label}.`, invalid_type_error: `Enter ${label}.` })
      .trim()
      .min(1, `Enter ${label}.`)
      .max(max, `Keep ${label} to ${max} characters.`),
  );
}

export function optional(label: string, max = 200) {
  return z.preprocess(
    blankToUndefined,
    z.string().trim().max(max, `Keep ${label} to ${max} characters.`).optional(),
  );
}

/** One key of a labelled table (HUI_KINDS, MODES, …) or of a list of answers. */
export function oneOf<K extends string>(values: Record<K, string> | readonly K[], message: string) {
  const keys = (Array.isArray(values) ? values : Object.keys(values)) as [K, ...K[]];
  return z.preprocess(blankToUndefined, z.enum(keys, { errorMap: () => ({ message }) }));
}

export const dateField = z.preprocess(
  blankToUndefined,
  z
    .string({ required_error: 'Enter the date of the hui.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as a calendar date.'),
);
export const timeField = z.preprocess(
  blankToUndefined,
  z
    .string({ required_error: 'Enter the start time of the hui.' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the start time as hours and minutes, e.g. 10:00.'),
);
export const durationField = z.preprocess(
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
export const pillarsField = z.preprocess(
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

export const toggle = z.preprocess((v) => v === true || v === 'true', z.boolean());

export const SUPPORT_SLOTS = [1, 2, 3, 4] as const;
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

export type Raw = Record<string, unknown>;

/** The inputs of one repeated row: suffix -> [label for the length message, message when missing]. */
type RowFields<T> = Record<string, [keyof T & string, string, string]>;

const supportRow: RowFields<SupportPersonInput> = {
  Name: ['name', 'the name', 'Enter the support person’s name.'],
  Relationship: ['relationship', 'the relationship', 'Enter their relationship to the prisoner.'],
  Contact: ['contact', 'the contact details', 'Enter how to contact them.'],
};
const providerRow: RowFields<ProviderInput> = {
  Org: ['organisation', 'the organisation', 'Enter the service provider’s organisation.'],
  Person: ['person', "the person's name", 'Enter who from the provider will attend.'],
};

export function slotShape<T>(prefix: string, row: RowFields<T>): Record<string, z.ZodTypeAny> {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const [suffix, [, label]] of Object.entries(row)) shape[`${prefix}${suffix}`] = optional(label);
  return shape;
}

const slotsShape = <T>(prefixes: string[], row: RowFields<T>) =>
  Object.assign({}, ...prefixes.map((p) => slotShape(p, row))) as Record<string, z.ZodTypeAny>;

const supportPrefixes = SUPPORT_SLOTS.map((n) => `sp${n}`);
const providerPrefixes = PROVIDER_SLOTS.map((n) => `pv${n}`);
export const supportShape = slotsShape(supportPrefixes, supportRow);
export const providerShape = slotsShape(providerPrefixes, providerRow);
export const addPersonShape = slotShape('add', supportRow);

/** Each row is all or nothing: a name with no way to reach them helps nobody. */
function readRows<T>(raw: Raw, ctx: z.RefinementCtx, prefixes: string[], row: RowFields<T>): T[] {
  const out: T[] = [];
  for (const p of prefixes) {
    const entries = Object.entries(row).map(([suffix, [key, , message]]) => ({
      path: `${p}${suffix}`,
      key,
      message,
      value: raw[`${p}${suffix}`] as string | undefined,
    }));
    if (entries.every((e) => !e.value)) continue;
    for (const e of entries)
      if (!e.value) ctx.addIssue({ code: 'custom', path: [e.path], message: e.message });
    if (entries.every((e) => e.value))
      out.push(Object.fromEntries(entries.map((e) => [e.key, e.value])) as unknown as T);
  }
  return out;
}

export function readSupportPeople(
  raw: Raw,
  ctx: z.RefinementCtx,
  prefixes = supportPrefixes,
): SupportPersonInput[] {
  return readRows(raw, ctx, prefixes, supportRow);
}

export function readProviders(raw: Raw, ctx: z.RefinementCtx): ProviderInput[] {
  return readRows(raw, ctx, providerPrefixes, providerRow);
}

export function readStaff(v: string | undefined): string[] {
  return (v ?? '')
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** Date and time are NZ local; a time the clocks skip on a daylight-saving day is refused, not moved. */
export function readSchedule(
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

export function toSchedule(input: ScheduleInput): Schedule {
  return {
    date: input.date,
    time: input.time,
    durationMinutes: input.durationMinutes,
    startsAt: input.startsAt.toISOString(),
    endsAt: new Date(input.startsAt.getTime() + input.durationMinutes * 60_000).toISOString(),
  };
}
