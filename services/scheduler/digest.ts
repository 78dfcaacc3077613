import type { Logger } from 'pino';
import { NATIONAL_SITE } from '../directory/roles';
import type { ApplicationDoc, OutboxMessage, Task } from '../store/types';
import { formatNz } from '../time';
import { nzDate } from './calendar';
import type { DueDates } from './dueDates';
import type { DigestPreferences } from './preferences';
import type { PeopleCache } from './scheduler';

interface Row {
  app: ApplicationDoc;
  task: Task;
}

export interface DigestContent {
  overdue: Row[];
  dueToday: Row[];
  fresh: Row[];
}

/** One person's digest: overdue, due today (New Zealand date), and new since `since` (the last digest). */
export function digestContent(rows: Row[], now: Date, since: Date): DigestContent {
  const today = nzDate(now);
  const overdue: Row[] = [];
  const dueToday: Row[] = [];
  const fresh: Row[] = [];
  for (const r of rows) {
    const due = r.task.dueAt;
    if (due && due.getTime() < now.getTime()) overdue.push(r);
    else if (due && nzDate(due) === today) dueToday.push(r);
    else if (r.task.openedAt && r.task.openedAt.getTime() >= since.getTime()) fresh.push(r);
  }
  const byDue = (a: Row, b: Row) => (a.task.dueAt?.getTime() ?? 0) - (b.task.dueAt?.getTime() ?? 0);
  return { overdue: overdue.sort(byDue), dueToday: dueToday.sort(byDue), fresh: fresh.sort(byDue) };
}

/** The digest as one Teams message (Markdown): three short lists, each task with its due date. */
export function digestText(c: DigestContent, now: Date, open: number): string {
  const line = (r: Row) => `- ${r.task.label} — due ${formatNz(r.task.dueAt!)}`;
  const block = (title: string, rows: Row[]) =>
    rows.length ? [`**${title} (${rows.length})**`, ...rows.map(line)] : [];
  return [
    `**Your Tautoko tasks for ${formatNz(now, false)}**: ${open} open.`,
    ...block('Overdue', c.overdue),
    ...block('Due today', c.dueToday),
    ...block('New', c.fresh),
    'Type `my tasks` to open them, or `digest off` to stop this daily message.',
  ].join('\n\n');
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
