import type { Person } from '../../services/directory/person';
import { roleLabel } from '../../services/directory/roles';
import type { OutboxMessage } from '../../services/store/types';
import type { ApplicationDoc, Task } from '../../services/workflow/domain';
import { card, execute, facts, heading, section, text, when } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';

export interface TaskRow {
  app: Pick<ApplicationDoc, '_id' | 'title' | 'prisonerName' | 'site' | 'kind'>;
  task: Task;
}

/** The "Open" button of a task: its card (or the status card) for its application. */
export function openTask(task: Task, app: TaskRow['app']): CardElement {
  return {
    type: 'ActionSet',
    actions: [
      execute(
        'Open',
        {
          card: task.card ?? `${app.kind.toLowerCase()}.status`,
          applicationId: app._id,
          ...(task.params ? { params: task.params } : {}),
        },
        { validate: false },
      ),
    ],
  };
}

/** `my tasks`: each waiting section or decision with a button that opens its card. */
export function myTasksCard(rows: TaskRow[], now: Date): AdaptiveCard {
  if (rows.length === 0) return card([...heading('My tasks'), text('Nothing is waiting for you.')]);
  const items: CardElement[] = rows.map(({ app, task }) => ({
    type: 'Container',
    separator: true,
    items: [
      text(`**${task.label}**`),
      text(`${app._id} · ${app.title} · ${app.prisonerName} · ${app.site}`, { subtle: true }),
      ...(task.dueAt
        ? [
            text(
              `Due ${when(task.dueAt)}${task.dueAt.getTime() < now.getTime() ? ' (overdue)' : ''}`,
              task.dueAt.getTime() < now.getTime() ? { color: 'Attention' } : {},
            ),
          ]
        : []),
      openTask(task, app),
    ],
  }));
  return card([...heading('My tasks', `${rows.length} waiting for you`), ...items]);
}

export function applicationsListCard(prisonerId: string, apps: ApplicationDoc[]): AdaptiveCard {
  if (apps.length === 0)
    return card([...heading(`Applications for ${prisonerId}`), text('None that you can see.')]);
  return card([
    ...heading(`Applications for ${prisonerId}`),
    ...apps.map((a) =>
      section(a._id, [
        facts([
          ['Process', a.title],
          ['Prisoner', a.prisonerName],
          ['Site', a.site],
          ['Stage', a.stage],
          ['Updated', when(a.updatedAt)],
        ]),
        {
          type: 'ActionSet',
          actions: [
            execute(
              'Status',
              { card: `${a.kind.toLowerCase()}.status`, applicationId: a._id },
              { validate: false },
            ),
          ],
        },
      ]),
    ),
  ]);
}

export function whoisCard(people: Person[]): AdaptiveCard {
  if (people.length === 0) return card([...heading('Who is'), text('Nobody in the directory matches.')]);
  return card([
    ...heading('Who is'),
    ...people.map((p) =>
      section(p.name, [
        facts([
          ['Email', p.email],
          [
            'Roles',
            p.roles.length
              ? p.roles
                  .map((g) => `${roleLabel(g.role)} (${g.site === '*' ? 'all sites' : g.site})`)
                  .join('; ')
              : 'none',
          ],
        ]),
      ]),
    ),
  ]);
}

/** Due messages that have waited longer than the stuck threshold: the outbox is not keeping up or not running. */
export interface OutboxOverdue {
  count: number;
  oldestDueAt?: Date;
  stuckAfterMs: number;
}

export function outboxFailedCard(
  messages: OutboxMessage[],
  counts: Record<string, number>,
  overdue?: OutboxOverdue,
): AdaptiveCard {
  return card([
    ...heading(
      'Outbox',
      `pending ${counts.pending ?? 0} · sent ${counts.sent ?? 0} · failed ${counts.failed ?? 0}`,
    ),
    ...(overdue && overdue.count > 0
      ? [
          text(
            `The outbox is stuck: ${overdue.count} message${overdue.count === 1 ? ' has' : 's have'} been due for more than ` +
              `${Math.round(overdue.stuckAfterMs / 60_000)} minutes` +
              (overdue.oldestDueAt ? ` (the oldest since ${when(overdue.oldestDueAt)})` : '') +
              '. Check the bot’s logs for connector errors.',
            { color: 'Attention', weight: 'Bolder' },
          ),
        ]
      : []),
    ...(messages.length === 0
      ? [text('No failed messages.')]
      : messages.map((m) =>
          section(m.applicationId ?? m._id, [
            facts([
              [
                'To',
                m.target.kind === 'person'
                  ? `person ${m.target.aadObjectId}`
                  : `channel ${m.target.purpose} at ${m.target.site}`,
              ],
              ['Message', m.text.slice(0, 200)],
              ['Attempts', String(m.attempts)],
              ['Last error', m.lastError],
              ['Created', when(m.createdAt)],
            ]),
          ]),
        )),
  ]);
}
