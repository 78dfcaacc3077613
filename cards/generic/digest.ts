import { digestContent } from '../../services/scheduler/digest';
import type { DigestContent } from '../../services/scheduler/digest';
import { formatNz } from '../../services/time';
import { card, heading, sectionTitle, text } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import { openTask, type TaskRow } from './lists';

/**
 * The daily digest: one card with the viewer's overdue tasks, those due today and those new since
 * the last digest, each with a button that opens its card. Drawn at delivery from the tasks as
 * they are then, so work finished since the morning's run is not listed.
 */
export function digestCard(rows: TaskRow[], now: Date, since: Date): AdaptiveCard {
  const c: DigestContent<TaskRow> = digestContent(rows, now, since);
  const count = c.overdue.length + c.dueToday.length + c.fresh.length;
  return card([
    ...heading(`Your tasks for ${formatNz(now, false)}`, `${rows.length} open`),
    ...block('Overdue', c.overdue, 'Attention'),
    ...block('Due today', c.dueToday, 'Warning'),
    ...block('New', c.fresh, 'Default'),
    ...(count === 0 ? [text('Nothing is overdue, due today or new.')] : []),
    text('Type **my tasks** for everything waiting for you, or **digest off** to stop this daily card.', {
      subtle: true,
    }),
  ]);
}

function block(title: string, rows: TaskRow[], tone: 'Attention' | 'Warning' | 'Default'): CardElement[] {
  if (rows.length === 0) return [];
  return [
    sectionTitle(`${tone === 'Default' ? '' : '⚠ '}${title} (${rows.length})`),
    ...rows.map(({ app, task }) => ({
      type: 'Container',
      separator: true,
      items: [
        text(task.label),
        text(`${app._id} · due ${formatNz(task.dueAt!)}`, { subtle: true }),
        openTask(task, app),
      ],
    })),
  ];
}
