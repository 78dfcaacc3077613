import type { Actor } from '../../services/directory/person';
import { hasAnyRole } from '../../services/directory/person';
import type { ApplicationDoc, Task } from '../../services/workflow/domain';
import { formatNz, nzDateOf } from '../../services/time';
import type { CardContext } from '../types';

/** "Due Fri 5 Dec 2026, 5:00 pm", "Due today …" or "Overdue: was due …", with the tone to show it in. */
export function dueText(
  task: Pick<Task, 'dueAt'>,
  now: Date,
): { text: string; tone: 'default' | 'warning' | 'attention' } | undefined {
  const due = task.dueAt;
  if (!due) return undefined;
  if (due.getTime() < now.getTime()) return { text: `Overdue: was due ${formatNz(due)}`, tone: 'attention' };
  if (nzDateOf(due) === nzDateOf(now)) return { text: `Due today, ${formatNz(due)}`, tone: 'warning' };
  return { text: `Due ${formatNz(due)}`, tone: 'default' };
}

function sameParams(task: Task, params: CardContext['params']): boolean {
  return Object.entries(task.params ?? {}).every(([k, v]) => params[k] === v);
}

function isFor(task: Task, viewer: Actor): boolean {
  return task.assignee ? task.assignee === viewer.aadObjectId : hasAnyRole(viewer, task.roles, task.site);
}

/**
 * The line at the top of a card that says when its task is due: on a task's own card, the
 * viewer's task; on a status card, the application's nearest deadline. None when nothing is due.
 */
export function deadlineNotice(
  app: Pick<ApplicationDoc, 'openTasks' | 'kind'>,
  viewer: Actor,
  cardName: string,
  params: CardContext['params'],
  now: Date,
): CardContext['notice'] {
  const open = app.openTasks.filter(
    (t) => !t.timer && t.dueAt && !(t.availableFrom && t.availableFrom > now),
  );
  const own = open.find((t) => t.card === cardName && sameParams(t, params) && isFor(t, viewer));
  if (own) return dueText(own, now);
  if (cardName !== `${app.kind.toLowerCase()}.status` || open.length === 0) return undefined;
  const next = [...open].sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())[0]!;
  const d = dueText(next, now)!;
  return { text: `Next deadline: ${next.label}. ${d.text}.`, tone: d.tone };
}
