import type { Logger } from 'pino';
import { NATIONAL_SITE } from '../directory/roles';
import type { OutboxMessage } from '../store/types';
import type { ApplicationDoc, Task } from '../workflow/domain';
import { formatNz } from '../time';
import { nzDate } from './calendar';
import type { DueDates } from './dueDates';
import type { DigestPreferences } from './preferences';
import type { PeopleCache } from './peopleCache';

interface Row {
  app: ApplicationDoc;
  task: Task;
}

export interface DigestContent<R extends { task: Task } = Row> {
  overdue: R[];
  dueToday: R[];
  fresh: R[];
}

/** The card the digest is drawn as (cards/generic/digest.ts), for the recipient at delivery. */
export const DIGEST_CARD = 'generic.digest';

/** One person's digest: overdue, due today (New Zealand date), and new since `since` (the last digest). */
export function digestContent<R extends { task: Task }>(rows: R[], now: Date, since: Date): DigestContent<R> {
  const today = nzDate(now);
  const overdue: R[] = [];
  const dueToday: R[] = [];
  const fresh: R[] = [];
  for (const r of rows) {
    const due = r.task.dueAt;
    if (due && due.getTime() < now.getTime()) overdue.push(r);
    else if (due && nzDate(due) === today) dueToday.push(r);
    else if (r.task.openedAt && r.task.openedAt.getTime() >= since.getTime()) fresh.push(r);
  }
  const byDue = (a: R, b: R) => (a.task.dueAt?.getTime() ?? 0) - (b.task.dueAt?.getTime() ?? 0);
  return { overdue: overdue.sort(byDue), dueToday: dueToday.sort(byDue), fresh: fresh.sort(byDue) };
}

/** The line that goes with the digest card (and is all a client without cards shows). */
export function digestText(c: DigestContent, now: Date, open: number): string {
  const parts = [
    c.overdue.length ? `${c.overdue.length} overdue` : '',
    c.dueToday.length ? `${c.dueToday.length} due today` : '',
    c.fresh.length ? `${c.fresh.length} new` : '',
  ].filter((p) => p !== '');
  return `Your Tautoko tasks for ${formatNz(now, false)}: ${parts.join(', ')} (${open} open).`;
}

/**
 * The daily digest: once a working day, from the morning's opening, one message to each person
 * with something overdue, due today or new. The id is the person and the date, so it goes once
 * however many processes or ticks see it.
 */
export class DigestSender {
  constructor(
    private readonly dueDates: DueDates,
    private readonly preferences: DigestPreferences,
    private readonly logger: Logger,
  ) {}

  async due(
    apps: ApplicationDoc[],
    now: Date,
    people: PeopleCache,
    seen: Set<string>,
    done: Set<string>,
  ): Promise<OutboxMessage[]> {
    const cal = this.dueDates.calendar;
    if (!cal.isWorkingTime(now, NATIONAL_SITE)) return [];
    const key = `digest:${nzDate(now)}`;
    seen.add(key);
    if (done.has(key)) return [];
    const byPerson = new Map<string, Row[]>();
    for (const app of apps) {
      for (const task of app.openTasks) {
        if (task.timer || (task.availableFrom && task.availableFrom.getTime() > now.getTime())) continue;
        const ids = task.assignee ? [task.assignee] : await people.holding(task.roles, task.site);
        for (const id of ids) byPerson.set(id, [...(byPerson.get(id) ?? []), { app, task }]);
      }
    }
    const off = await this.preferences.offAmong([...byPerson.keys()]);
    // "New" is what arrived since the previous working morning's digest (Friday's, on a Monday).
    const since = cal.opening(cal.workingDayBefore(nzDate(now), 1, NATIONAL_SITE));
    const out: OutboxMessage[] = [];
    for (const [aadObjectId, rows] of byPerson) {
      if (off.has(aadObjectId)) continue;
      const c = digestContent(rows, now, since);
      if (c.overdue.length + c.dueToday.length + c.fresh.length === 0) continue;
      out.push({
        _id: `${key}:${aadObjectId}`,
        target: { kind: 'person', aadObjectId },
        text: digestText(c, now, rows.length),
        cardRef: { name: DIGEST_CARD, params: { since: since.toISOString() } },
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
    this.logger.info({ people: out.length, optedOut: off.size }, 'daily digest');
    return out;
  }
}
