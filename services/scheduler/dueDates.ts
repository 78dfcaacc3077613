import type { Task } from '../workflow/domain';
import { WorkingCalendar } from './calendar';
import type { DeadlineSettings, WorkingDayTerm } from './settings';
import { DEFAULT_DEADLINE_SETTINGS, dueWorkingDaysFor } from './settings';

/**
 * Puts a due date on every task. A workflow that knows the policy's own deadline sets `dueAt`
 * itself (a review within 21 days of receipt); otherwise the task's term (input, decision,
 * follow-up) and the site's working-day setting decide, counted from when the task opened (or
 * became available, e.g. a hui's outcome after the hui).
 */
export class DueDates {
  readonly calendar: WorkingCalendar;

  constructor(readonly settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS) {
    this.calendar = new WorkingCalendar(settings.calendar);
  }

  /** The due date of a task that opened at `openedAt` and has none from its workflow. */
  dueFor(task: Task, openedAt: Date, site: string): Date {
    const start =
      task.availableFrom && task.availableFrom.getTime() > openedAt.getTime() ? task.availableFrom : openedAt;
    const term: WorkingDayTerm = task.term === 'decision' || task.term === 'followUp' ? task.term : 'input';
    return this.calendar.addWorkingDays(start, dueWorkingDaysFor(this.settings, term, site), site);
  }

  /**
   * The tasks after an event, stamped: a task that was already open keeps when it opened and its
   * due date (unless the workflow changed its date or when it becomes available); a new one opens
   * at the event's time.
   */
  stamp(previous: readonly Task[], next: readonly Task[], at: Date, site: string): Task[] {
    const before = new Map(previous.map((t) => [t.key, t]));
    return next.map((t) => {
      const p = before.get(t.key);
      const same = p !== undefined && (p.availableFrom?.getTime() ?? 0) === (t.availableFrom?.getTime() ?? 0);
      const openedAt = same && p.openedAt ? p.openedAt : at;
      const dueAt = t.dueAt ?? (same && p.dueAt ? p.dueAt : this.dueFor(t, openedAt, site));
      return { ...t, openedAt, dueAt };
    });
  }
}
