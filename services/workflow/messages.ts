import { actingIn } from '../directory/delegation';
import type { DelegationRecord } from '../directory/delegation';
import type { Person } from '../directory/person';
import { NATIONAL_SITE } from '../directory/roles';
import type { OutboxMessage, PeopleRepository } from '../store/types';
import type { ApplicationDoc, AuditEvent } from '../workflow/domain';
import type { AnyWorkflow, Notification } from './types';

/** Acting cover in force at a time, at every site (see DirectoryCache.coverInForce). */
export type CoverSource = (now: Date) => Promise<readonly DelegationRecord[]>;

/**
 * The outbox messages events cause, each role expanded through the directory (one read). Ids
 * derive from the event, the notification's key and the recipient, so writing them again after a
 * crash or a retry adds nothing.
 */
export async function messagesFor(
  people: Pick<PeopleRepository, 'withAnyRole'>,
  def: AnyWorkflow,
  app: ApplicationDoc,
  events: AuditEvent[],
  cover?: CoverSource,
): Promise<OutboxMessage[]> {
  const notes = events.flatMap((event) =>
    (def.notifications(app, event) as Notification[]).map((n) => ({ event, n })),
  );
  const grants = notes.flatMap(({ n: { target: t } }) =>
    t.kind === 'role' ? t.roles.map((role) => ({ role, site: t.site })) : [],
  );
  const [holders, acting] =
    grants.length > 0
      ? await Promise.all([people.withAnyRole(grants), cover ? cover(events[0]!.at) : []])
      : [[], []];
  const messages: OutboxMessage[] = [];
  for (const { event, n } of notes) {
    for (const target of expand(n, holders, acting, event.at)) {
      const recipient = target.kind === 'person' ? target.aadObjectId : `${target.purpose}@${target.site}`;
      messages.push({
        _id: `${event._id}:${n.key}:${recipient}`,
        target,
        text: n.text,
        ...(n.cardRef ? { cardRef: n.cardRef } : {}),
        ...(n.threadKey ? { threadKey: n.threadKey } : {}),
        applicationId: app._id,
        requestedBy: event.actor.aadObjectId,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: event.at,
        createdAt: event.at,
      });
    }
  }
  return messages;
}

/**
 * A notification's recipients: its person or channel, or whoever holds one of its roles there, and
 * whoever is acting in one of them there (acting cover in force when the event happened).
 */
function expand(
  n: Notification,
  holders: Person[],
  acting: readonly DelegationRecord[],
  at: Date,
): OutboxMessage['target'][] {
  const t = n.target;
  if (t.kind === 'person' || t.kind === 'channel') return [t];
  const ids = new Set([
    ...holders
      .filter((p) =>
        p.roles.some((g) => t.roles.includes(g.role) && (g.site === t.site || g.site === NATIONAL_SITE)),
      )
      .map((p) => p.aadObjectId),
    ...actingIn(acting, t.roles, t.site, at),
  ]);
  return [...ids].map((aadObjectId) => ({ kind: 'person' as const, aadObjectId }));
}
