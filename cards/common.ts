import { hasAnyRole } from '../services/directory/person';
import type { Actor } from '../services/directory/person';
import { roleListLabel } from '../services/directory/roles';
import type { Role } from '../services/directory/roles';
import type { AuditEvent } from '../services/workflow/domain';
import { formatNz, nzDaysLeft, nzLocalToUtc } from '../services/time';
import type { Stamp } from '../services/workflow/stamp';
import { alert, notice, section, text, timelineDetail, when } from './kit';
import type { ActionData, CardAction, CardContext, CardElement } from './types';

/** Card pieces any process may use: who may act, button data, who-and-when lines, banners, timelines. */

export function may(viewer: Actor, roles: readonly Role[], site: string): boolean {
  return hasAnyRole(viewer, roles, site);
}

/** Action.Execute data: the card to redraw and ids; never who the viewer is. */
export function data(
  ctx: Pick<CardContext, 'app'>,
  card: string,
  command?: string,
  args?: Record<string, string | number | boolean>,
  params?: Record<string, string | number | boolean>,
): ActionData {
  return {
    card,
    applicationId: ctx.app._id,
    ...(command ? { command } : {}),
    ...(args ? { args } : {}),
    ...(params ? { params } : {}),
  };
}

export function byLine(prefix: string, st: Stamp): string {
  return `${prefix} ${st.name}, ${formatNz(new Date(st.at))}`;
}

/** A YYYY-MM-DD day as people read it. */
export function day(d: string | undefined): string | undefined {
  if (!d) return undefined;
  const at = nzLocalToUtc(d, '12:00');
  return at ? formatNz(at, false) : d;
}

export function notForYou(roles: readonly Role[], site: string): CardElement {
  return text(`This is for ${roleListLabel(roles)} at ${site === '*' ? 'national office' : site}.`, {
    tone: 'caution',
  });
}

/** A banner at the top of a card: an alert, or a good-news line. */
export function banner(message: string, tone: 'attention' | 'warning' | 'good' = 'attention'): CardElement {
  return tone === 'good' ? notice({ text: message, tone })[0]! : alert(message, [], tone);
}

/** Choices from a value → label record, in its order. */
export function choicesOf(labels: Record<string, string>): Array<{ title: string; value: string }> {
  return Object.entries(labels).map(([value, title]) => ({ title, value }));
}

/** Working days left to a policy deadline, and how urgent that is. */
export function countdown(now: Date, dueAt: Date): { text: string; tone: 'good' | 'warning' | 'attention' } {
  const left = nzDaysLeft(now, dueAt);
  if (now.getTime() > dueAt.getTime())
    return {
      text: `Overdue by ${Math.max(1, -left)} day${-left === 1 ? '' : 's'} (due ${when(dueAt)})`,
      tone: 'attention',
    };
  if (left === 0) return { text: `Due today (by ${when(dueAt)})`, tone: 'attention' };
  return {
    text: `${left} day${left === 1 ? '' : 's'} left (due ${when(dueAt)})`,
    tone: left <= 5 ? 'warning' : 'good',
  };
}

/** The audit trail as a timeline: when, what (the process's label and safe detail), and who. */
export function timeline(
  events: AuditEvent[] | undefined,
  labels: Record<string, string>,
  detailOf: (e: AuditEvent) => string,
): CardElement[] {
  return timelineDetail(
    (events ?? []).map((e): [string, string] => [
      when(e.at) ?? '',
      `${labels[e.type] ?? e.type}${detailOf(e)} (${e.actor.name})`,
    ]),
  );
}

/**
 * A one-time step on a card (a notice given, a follow-up done): who recorded it and when, else its
 * button for whoever may record it, else what it still waits for (nothing, without `pending`).
 */
export function recordedOr(
  recorded: string | undefined,
  button: CardAction | undefined,
  pending?: string,
): CardElement[] {
  if (recorded) return [text(`✔ ${recorded}`, { tone: 'done' })];
  if (button) return [{ type: 'ActionSet', actions: [button] }];
  return pending ? [text(pending, { subtle: true })] : [];
}

/** A step as recorded: what was recorded, then who recorded it and when. */
export function recordedSection(title: string, items: CardElement[], by: Stamp): CardElement {
  return section(title, [...items, text(byLine('Recorded by', by), { subtle: true })]);
}
