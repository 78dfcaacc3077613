/** The Luxon implementation services/time.ts had before it moved to Intl: the oracle its tests compare against. */
import { DateTime } from 'luxon';

/** Times are stored in UTC and shown in New Zealand time. */
export const NZ_ZONE = 'Pacific/Auckland';

export function formatNz(date: Date, withTime = true): string {
  const dt = DateTime.fromJSDate(date, { zone: NZ_ZONE });
  return withTime ? dt.toFormat('ccc d LLL yyyy, h:mm a') : dt.toFormat('ccc d LLL yyyy');
}

/** A calendar date (YYYY-MM-DD) and a local time (HH:mm) in New Zealand, as a UTC instant. */
export function nzLocalToUtc(date: string, time: string): Date | undefined {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: NZ_ZONE });
  if (!dt.isValid) return undefined;
  // Luxon moves a time that does not exist (inside a spring-forward gap) forward; we refuse it instead.
  if (dt.toFormat('yyyy-MM-dd') !== date || dt.toFormat('HH:mm') !== time) return undefined;
  return dt.toUTC().toJSDate();
}

/** The last instant of a New Zealand calendar day: a prohibition "expires at the close of" this day. */
export function endOfNzDay(date: string): Date | undefined {
  const dt = DateTime.fromISO(date, { zone: NZ_ZONE });
  if (!dt.isValid) return undefined;
  return dt.endOf('day').toUTC().toJSDate();
}

/** A deadline counted in whole calendar days in New Zealand, ending at the close of the last day. */
export function nzDeadline(from: Date, days: number): Date {
  return DateTime.fromJSDate(from, { zone: NZ_ZONE }).plus({ days }).endOf('day').toUTC().toJSDate();
}

/** Whole New Zealand calendar days from `now` until `deadline`'s day (0 on the day, negative when past). */
export function nzDaysLeft(now: Date, deadline: Date): number {
  const a = DateTime.fromJSDate(now, { zone: NZ_ZONE }).startOf('day');
  const b = DateTime.fromJSDate(deadline, { zone: NZ_ZONE }).startOf('day');
  return Math.round(b.diff(a, 'days').days);
}

export function nzDateOf(date: Date): string {
  return DateTime.fromJSDate(date, { zone: NZ_ZONE }).toFormat('yyyy-MM-dd');
}

export function nzYear(date: Date): number {
  return DateTime.fromJSDate(date, { zone: NZ_ZONE }).year;
}
