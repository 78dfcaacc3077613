import type { Task } from '../workflow/domain';
import { minusDays, nzDate } from './calendar';
import type { WorkingCalendar } from './calendar';
import type { DeadlineSettings } from './settings';

/**
 * What the scheduler does about one task, as pure data: each step has the moment it becomes due
 * (always the opening of a working morning in Pacific/Auckland, so nothing is sent at night or on
 * a holiday) and, for steps that only make sense before the deadline, the moment it lapses.
 */
export interface Step {
  /** Part of the outbox id: with the task and its due date it names the message uniquely. */
  name: string;
  kind: 'available' | 'reminder' | 'overdue' | 'escalation' | 'deadline-near';
  /** Whom it goes to: the people who can do the task, or the manager role it escalates to. */
  audience: 'doers' | 'managers';
  fireAt: Date;
  /** Not sent at or after this moment (a reminder after the deadline would be wrong). */
  until?: Date;
}

export function stepsFor(task: Task, site: string, cal: WorkingCalendar, s: DeadlineSettings): Step[] {
  const due = task.dueAt;
  if (!due || task.term === 'timer') return [];
  // The first working moment the task is there to do: a reminder at or before it would say nothing new.
  const opened = cal
    .nextWorkingTime(
      new Date(Math.max(task.openedAt?.getTime() ?? 0, task.availableFrom?.getTime() ?? 0)),
      site,
    )
    .getTime();
  const dueDay = nzDate(due);
  const out: Step[] = [];
  if (task.availableFrom) {
    // "A hui whose time has passed opens its outcome task": tell the person, not wait for a read.
    out.push({
      name: 'available',
      kind: 'available',
      audience: 'doers',
      fireAt: cal.nextWorkingTime(task.availableFrom, site),
    });
  }
  if (s.reminderWorkingDaysBefore > 0) {
    const fireAt = cal.opening(cal.workingDayBefore(dueDay, s.reminderWorkingDaysBefore, site));
    // A task that arrives already inside the reminder window needs no reminder on top of itself.
    if (fireAt.getTime() > opened && fireAt.getTime() < due.getTime())
      out.push({ name: 'reminder', kind: 'reminder', audience: 'doers', fireAt, until: due });
  }
  if (task.term === 'policy') {
    // A policy deadline is escalated before it passes, on the working day on or before each mark.
    for (const left of s.policyEscalateDaysLeft) {
      const fireAt = cal.opening(cal.workingDayOnOrBefore(minusDays(dueDay, left), site));
      if (fireAt.getTime() > opened && fireAt.getTime() < due.getTime())
        out.push({ name: `left-${left}`, kind: 'deadline-near', audience: 'managers', fireAt, until: due });
    }
  }
  if (task.term === 'optional') return out;
  const overdueDay = cal.workingDayAfter(dueDay, 1, site);
  out.push({ name: 'overdue', kind: 'overdue', audience: 'doers', fireAt: cal.opening(overdueDay) });
  out.push({
    name: 'escalation',
    kind: 'escalation',
    audience: 'managers',
    fireAt: cal.opening(cal.workingDayAfter(overdueDay, s.escalateAfterWorkingDays, site)),
  });
  return out;
}

/** A step is sent once its moment has come, while it still applies, and only in working time. */
export function stepDue(step: Step, now: Date, cal: WorkingCalendar, site: string): boolean {
  if (step.fireAt.getTime() > now.getTime()) return false;
  if (step.until && now.getTime() >= step.until.getTime()) return false;
  return cal.isWorkingTime(now, site);
}
