import { z } from 'zod';
import type { Role } from '../directory/roles';
import { roleSchema } from '../directory/roles';
import type { CalendarSettings, LocalTime } from './calendar';
import { nzRegions } from './calendar';

/**
 * How a task's due date is set:
 * - `input`, `decision`, `followUp`: the policy names no time (or says "promptly"), so a per-site
 *   number of working days applies;
 * - `policy`: the workflow sets the date from the policy's own terms (e.g. a review "within 21 days
 *   of receiving the review request", V.01.07.6 and V.01.09.4), and it is escalated before it passes;
 * - `optional`: input nobody must give (F.17's psychology, health, Pou Arahi and other input): due
 *   like input, reminded once, never chased as overdue or escalated;
 * - `timer`: not work for a person but a moment the process reacts to (an order's expiry).
 */
export type TaskTerm = 'input' | 'optional' | 'decision' | 'followUp' | 'policy' | 'timer';
export type WorkingDayTerm = 'input' | 'decision' | 'followUp';
export type TermDays = Record<WorkingDayTerm, number>;

export interface DeadlineSettings {
  calendar: CalendarSettings;
  /** Working days allowed per term, with per-site overrides. */
  dueWorkingDays: TermDays;
  dueWorkingDaysBySite: Record<string, Partial<TermDays>>;
  /** A reminder this many working days before the due day (0: none). */
  reminderWorkingDaysBefore: number;
  /** Escalation this many working days after the overdue notice. */
  escalateAfterWorkingDays: number;
  /** A policy deadline is escalated when this many calendar days are left (e.g. 7 and 2). */
  policyEscalateDaysLeft: number[];
  /** Who is told when a task held by an all-sites role (review officer, Chief Inspector) runs late. */
  nationalEscalationRole: Role;
}

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = {
  calendar: {
    siteRegions: {},
    defaultRegion: undefined,
    workStart: { hour: 8, minute: 30 },
    workEnd: { hour: 17, minute: 0 },
  },
  dueWorkingDays: { input: 5, decision: 3, followUp: 2 },
  dueWorkingDaysBySite: {},
  reminderWorkingDaysBefore: 1,
  escalateAfterWorkingDays: 2,
  policyEscalateDaysLeft: [7, 2],
  nationalEscalationRole: 'admin',
};

export function dueWorkingDaysFor(settings: DeadlineSettings, term: WorkingDayTerm, site: string): number {
  return settings.dueWorkingDaysBySite[site]?.[term] ?? settings.dueWorkingDays[term];
}

// --- parsing the environment's text (bot/config.ts validates with these at start-up) ------------

type Parser<T> = (text: string) => T;

const fail = (message: string): never => {
  throw new Error(message);
};

const days: Parser<number> = (v) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 60 ? n : fail(`"${v}" is not a whole number of days 0–60`);
};

/** "Site-A=AUK,Site-B=WGN" (date-holidays region codes for New Zealand). */
export const parseSiteRegions: Parser<Record<string, string>> = (text) => {
  const regions = nzRegions();
  const out: Record<string, string> = {};
  for (const pair of list(text, ',')) {
    const [site, region] = pair.split('=').map((s) => s.trim());
    if (!site || !region) fail(`"${pair}" is not site=REGION`);
    const code = region!.toUpperCase();
    if (!regions.includes(code))
      fail(`unknown New Zealand region "${region}" (one of ${regions.join(', ')})`);
    out[site!] = code;
  }
  return out;
};

export const parseRegion: Parser<string | undefined> = (text) =>
  text.trim() === '' ? undefined : (parseSiteRegions(`x=${text.trim()}`).x as string);

/** "08:30-17:00" */
export const parseWorkingHours: Parser<{ workStart: LocalTime; workEnd: LocalTime }> = (text) => {
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return fail(`"${text}" is not HH:MM-HH:MM`);
  const [sh, sm, eh, em] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (sh > 23 || eh > 23 || sm > 59 || em > 59 || sh * 60 + sm >= eh * 60 + em)
    fail(`"${text}" is not a range of times within one day`);
  return { workStart: { hour: sh, minute: sm }, workEnd: { hour: eh, minute: em } };
};

/** "input=5,decision=3,followUp=2" (any subset). */
export const parseTermDays: Parser<Partial<TermDays>> = (text) => {
  const out: Partial<TermDays> = {};
  for (const pair of list(text, ',')) {
    const [term, value] = pair.split('=').map((s) => s.trim());
    if (term !== 'input' && term !== 'decision' && term !== 'followUp')
      fail(`"${term ?? ''}" is not input, decision or followUp`);
    out[term as WorkingDayTerm] = days(value ?? '');
  }
  return out;
};

/** "Site-B:input=7,decision=4;Site-C:followUp=1" */
export const parseTermDaysBySite: Parser<Record<string, Partial<TermDays>>> = (text) => {
  const out: Record<string, Partial<TermDays>> = {};
  for (const entry of list(text, ';')) {
    const i = entry.indexOf(':');
    if (i <= 0) fail(`"${entry}" is not site:term=days,…`);
    out[entry.slice(0, i).trim()] = parseTermDays(entry.slice(i + 1));
  }
  return out;
};

/** "7,2" */
export const parseDayList: Parser<number[]> = (text) =>
  list(text, ',')
    .map(days)
    .sort((a, b) => b - a);

export const parseRole: Parser<Role> = (text) => {
  const r = roleSchema.safeParse(text.trim());
  return r.success ? r.data : fail(`"${text}" is not a role`);
};

export const parseDays = days;

function list(text: string, sep: string): string[] {
  return text
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A zod field for an environment variable parsed with one of the parsers above. */
export function envField<T>(parse: Parser<T>, fallback: string) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parse(v === undefined || v.trim() === '' ? fallback : v);
      } catch (e) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (e as Error).message });
        return z.NEVER;
      }
    });
}

/** The environment variables of deadlines and the scheduler (documented in .env.example). */
export const deadlineEnvShape = {
  SITE_REGIONS: envField(parseSiteRegions, ''),
  DEFAULT_REGION: envField(parseRegion, ''),
  WORKING_HOURS: envField(parseWorkingHours, '08:30-17:00'),
  DUE_WORKING_DAYS: envField(parseTermDays, 'input=5,decision=3,followUp=2'),
  DUE_WORKING_DAYS_BY_SITE: envField(parseTermDaysBySite, ''),
  REMINDER_WORKING_DAYS_BEFORE: envField(parseDays, '1'),
  ESCALATE_AFTER_WORKING_DAYS: envField(parseDays, '2'),
  POLICY_ESCALATE_DAYS_LEFT: envField(parseDayList, '7,2'),
  ESCALATE_NATIONAL_TO_ROLE: envField(parseRole, 'admin'),
};

type DeadlineEnv = z.infer<z.ZodObject<typeof deadlineEnvShape>>;

export function deadlineSettingsFromEnv(e: DeadlineEnv): DeadlineSettings {
  const d = DEFAULT_DEADLINE_SETTINGS;
  return {
    calendar: { siteRegions: e.SITE_REGIONS, defaultRegion: e.DEFAULT_REGION, ...e.WORKING_HOURS },
    dueWorkingDays: { ...d.dueWorkingDays, ...e.DUE_WORKING_DAYS },
    dueWorkingDaysBySite: e.DUE_WORKING_DAYS_BY_SITE,
    reminderWorkingDaysBefore: e.REMINDER_WORKING_DAYS_BEFORE,
    escalateAfterWorkingDays: e.ESCALATE_AFTER_WORKING_DAYS,
    policyEscalateDaysLeft: e.POLICY_ESCALATE_DAYS_LEFT,
    nationalEscalationRole: e.ESCALATE_NATIONAL_TO_ROLE,
  };
}
