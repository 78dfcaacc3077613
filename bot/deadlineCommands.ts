import { digestCard } from '../cards/generic/digest';
import { infoCard } from '../cards/generic/messages';
import type { AdaptiveCard } from '../cards/types';
import type { Actor } from '../services/directory/person';
import type { MovableClock } from '../services/scheduler/devClock';
import { parseOffset } from '../services/scheduler/devClock';
import { DIGEST_CARD } from '../services/scheduler/digest';
import type { DigestPreferences } from '../services/scheduler/preferences';
import type { ApplicationQueries } from '../services/queries';
import type { PersonCardRenderer } from './delivery';
import type { Scheduler } from '../services/scheduler/scheduler';
import { formatNz, nzLocalToUtc } from '../services/time';

export interface DeadlineDeps {
  scheduler: Scheduler;
  preferences: DigestPreferences;
  /** Present only in local development (TAUTOKO_LOCAL_DEV without an app id): the movable clock. */
  devClock: MovableClock | undefined;
}

/** `digest off` / `digest on`: a person's own choice, kept in the database. */
export async function digestCommand(
  deps: DeadlineDeps,
  actor: Actor,
  on: boolean,
  now: Date,
): Promise<AdaptiveCard> {
  await deps.preferences.set(actor.aadObjectId, on, now);
  return on
    ? infoCard(
        'Daily digest on',
        ['Each working morning you get one message with your overdue, due-today and new tasks.'],
        'good',
      )
    : infoCard(
        'Daily digest off',
        [
          'You will not get the daily digest. Reminders for your tasks still come. Type `digest on` to have it back.',
        ],
        'good',
      );
}

/**
 * `dev clock +3d` (or `-2h`, a New Zealand time `2026-12-03T10:00`, `reset`, or nothing to show it): moves this process's clock and runs
 * the scheduler at once, so a reminder or an escalation can be shown in the Agents Playground.
 * Refused unless the bot runs in local development, and to anyone but an admin.
 */
export async function devClockCommand(
  deps: DeadlineDeps,
  actor: Actor,
  change: string,
): Promise<AdaptiveCard> {
  const clock = deps.devClock;
  if (!clock)
    return infoCard('Not available', ['The clock can be moved only in local development.'], 'attention');
  if (!actor.roles.some((g) => g.role === 'admin'))
    return infoCard('Not available', ['This is for Tautoko admins.'], 'attention');
  const absolute = /^(\d{4}-\d{2}-\d{2})t(\d{2}:\d{2})$/i.exec(change);
  const target = absolute ? nzLocalToUtc(absolute[1]!, absolute[2]!) : undefined;
  if (change === 'reset') clock.reset();
  else if (target) clock.setTo(target);
  else if (change !== '') {
    const ms = parseOffset(change);
    if (ms === undefined)
      return infoCard(
        'Not moved',
        [
          'Say how far, e.g. `dev clock +3d`, `-2h`, `+90m`, a New Zealand time such as `dev clock 2026-12-03T10:00`, or `dev clock reset`.',
        ],
        'warning',
      );
    clock.move(ms);
  }
  const tick = change === '' ? undefined : await deps.scheduler.tick();
  const hours = Math.round(clock.offset / 3600_000);
  return infoCard('Development clock', [
    `It is now ${formatNz(clock.now())} for Tautoko (${hours >= 0 ? '+' : ''}${hours} h from real time).`,
    ...(tick
      ? [
          tick.leader
            ? `The scheduler ran: ${tick.enqueued} message(s) queued, ${tick.timers} timed change(s).`
            : 'Another process holds the scheduler lease; it will act on its next tick.',
        ]
      : []),
  ]);
}

/** The person cards proactive delivery can draw: the daily digest, from the viewer's tasks at that moment. */
export function personCards(queries: ApplicationQueries): PersonCardRenderer {
  return async (name, viewer, now, params) => {
    if (name !== DIGEST_CARD) return null;
    const since = new Date(String(params.since ?? ''));
    const rows = await queries.myTasks(viewer, now, 200);
    return digestCard(rows, now, Number.isNaN(since.getTime()) ? now : since);
  };
}
