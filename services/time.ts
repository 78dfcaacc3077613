/** Times are stored in UTC and shown in New Zealand time. */
export const NZ_ZONE = 'Pacific/Auckland';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * New Zealand's UTC offset at an instant, from the platform's time-zone data (Intl), remembered per
 * UTC hour: a zone's offset changes at most at a transition, and Pacific/Auckland's transitions fall
 * on whole UTC hours (02:00 NZST = 14:00 UTC, 03:00 NZDT = 14:00 UTC). An hour whose two ends differ
 * would not be remembered, so a zone changing mid-hour would still be answered exactly.
 */
const offsets = new Map<number, number>();
const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: NZ_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function offsetFromIntl(ms: number): number {
  const p: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(ms))) p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

function offsetAt(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  const known = offsets.get(hour);
  if (known !== undefined) return known;
  const start = offsetFromIntl(hour * HOUR_MS);
  if (start !== offsetFromIntl(hour * HOUR_MS + HOUR_MS - 1000)) return offsetFromIntl(ms);
  if (offsets.size > 20_000) offsets.clear();
  offsets.set(hour, start);
  return start;
}

/** The New Zealand wall clock at an instant, as a Date whose UTC fields are those of the wall clock. */
function wall(date: Date): Date {
  return new Date(date.getTime() + offsetAt(date.getTime()));
}

/**
 * The instant a New Zealand wall-clock time names (given as ms, as if it were UTC). A time inside
 * the spring-forward gap names no instant (undefined); one inside the autumn overlap names two, and
 * the earlier (still daylight time) is taken.
 */
function fromWall(wallMs: number): number | undefined {
  const candidates = new Set([offsetAt(wallMs - 14 * HOUR_MS), offsetAt(wallMs - 12 * HOUR_MS)]);
  const instants = [...candidates]
    .map((o) => wallMs - o)
    .filter((t) => offsetAt(t) === wallMs - t)
    .sort((a, b) => a - b);
  return instants[0];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function ymd(w: Date): string {
  return `${w.getUTCFullYear()}-${pad2(w.getUTCMonth() + 1)}-${pad2(w.getUTCDate())}`;
}

/** `YYYY-MM-DD` as the wall-clock midnight (ms, as if UTC), or undefined when it is not a calendar date. */
function parseDate(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms;
}

/** `Sun 5 Apr 2026, 1:30 PM` (or without the time) in New Zealand time. */
export function formatNz(date: Date, withTime = true): string {
  const w = wall(date);
  const day = `${WEEKDAYS[w.getUTCDay()]} ${w.getUTCDate()} ${MONTHS[w.getUTCMonth()]} ${w.getUTCFullYear()}`;
  if (!withTime) return day;
  const h = w.getUTCHours();
  return `${day}, ${h % 12 === 0 ? 12 : h % 12}:${pad2(w.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** A calendar date (YYYY-MM-DD) and a local time (HH:mm) in New Zealand, as a UTC instant. */
export function nzLocalToUtc(date: string, time: string): Date | undefined {
  const day = parseDate(date);
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (day === undefined || !m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return undefined;
  // A time that does not exist (inside a spring-forward gap) is refused, not moved.
  const at = fromWall(day + h * HOUR_MS + min * 60_000);
  return at === undefined ? undefined : new Date(at);
}

/** The last instant of a New Zealand calendar day: a prohibition "expires at the close of" this day. */
export function endOfNzDay(date: string): Date | undefined {
  const day = parseDate(date);
  if (day === undefined) return undefined;
  // 23:59:59.999 always exists here: New Zealand's clocks change in the small hours.
  const at = fromWall(day + DAY_MS - 1);
  return at === undefined ? undefined : new Date(at);
}

/** A deadline counted in whole calendar days in New Zealand, ending at the close of the last day. */
export function nzDeadline(from: Date, days: number): Date {
  const w = wall(from);
  const last = Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate() + days);
  return new Date(fromWall(last + DAY_MS - 1)!);
}

/** Whole New Zealand calendar days from `now` until `deadline`'s day (0 on the day, negative when past). */
export function nzDaysLeft(now: Date, deadline: Date): number {
  const a = wall(now);
  const b = wall(deadline);
  const dayOf = (w: Date) => Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate());
  return Math.round((dayOf(b) - dayOf(a)) / DAY_MS);
}

/** A New Zealand wall-clock time on a date, as an instant; inside a spring-forward gap, the hour after. */
export function nzAt(date: string, hour: number, minute: number): Date {
  const day = parseDate(date);
  if (day === undefined) throw new RangeError(`not a calendar date: ${date}`);
  const wallMs = day + hour * HOUR_MS + minute * 60_000;
  return new Date(fromWall(wallMs) ?? fromWall(wallMs + HOUR_MS)!);
}

/** A calendar date `days` after (or before, when negative) another: no time zone involved. */
export function addDays(date: string, days: number): string {
  const day = parseDate(date);
  if (day === undefined) throw new RangeError(`not a calendar date: ${date}`);
  return ymd(new Date(day + days * DAY_MS));
}

/** Whole calendar days from date `a` to date `b`. */
export function daysFromTo(a: string, b: string): number {
  const [x, y] = [parseDate(a), parseDate(b)];
  if (x === undefined || y === undefined) throw new RangeError(`not a calendar date: ${a} or ${b}`);
  return Math.round((y - x) / DAY_MS);
}

/** The day of the week of a calendar date, 1 (Monday) to 7 (Sunday). */
export function isoWeekday(date: string): number {
  const day = parseDate(date);
  if (day === undefined) throw new RangeError(`not a calendar date: ${date}`);
  return new Date(day).getUTCDay() || 7;
}

export function nzDateOf(date: Date): string {
  return ymd(wall(date));
}

export function nzYear(date: Date): number {
  return wall(date).getUTCFullYear();
}
