import type { OutboxMessage } from '../store/types';
import { causedBySeq } from './renderMemo';

/**
 * After a change to an application, every card a person holds for it (a message the bot sent them,
 * with the id Teams gave it) is edited to what that person should now see: the card is drawn again
 * at delivery for its recipient, so other managers' decision cards lose their buttons and say who
 * decided, and a withdrawn assessment's section cards say so. Cards sent because of this change (or
 * a later one) are current already. The edits go through the outbox, so they keep to Teams' rate
 * limits and are retried like any message; their ids derive from the change's event, so looking at
 * the same change again never edits twice.
 */
export function viewUpdates(held: OutboxMessage[], eventId: string, seq: number, at: Date): OutboxMessage[] {
  const seen = new Set<string>();
  const out: OutboxMessage[] = [];
  for (const m of held) {
    if (!m.activityId || !m.cardRef || m.target.kind !== 'person' || m.updateOf) continue;
    const cause = causedBySeq(m);
    if (cause !== undefined && cause >= seq) continue;
    const key = `${m.target.aadObjectId}|${m.activityId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      _id: `${eventId}:view:${m._id}`,
      target: m.target,
      text: m.text,
      cardRef: m.cardRef,
      ...(m.applicationId ? { applicationId: m.applicationId } : {}),
      updateOf: m.activityId,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
    });
  }
  return out;
}

const UNREACHABLE_SUFFIX = ':unreachable';

/**
 * The message telling whoever caused `message` that it could not reach its person, and why; none
 * when they sent it to themselves, or for a notice about a notice.
 */
export function unreachableNotice(
  message: OutboxMessage,
  name: string | undefined,
  reason: string,
  now: Date,
): OutboxMessage | undefined {
  const by = message.requestedBy;
  if (message.target.kind !== 'person' || !by || by === message.target.aadObjectId) return undefined;
  if (message._id.endsWith(UNREACHABLE_SUFFIX)) return undefined;
  const who = name ?? `someone not in the directory (${message.target.aadObjectId})`;
  const about = message.applicationId ? ` about ${message.applicationId}` : '';
  return {
    _id: `${message._id}${UNREACHABLE_SUFFIX}`,
    target: { kind: 'person', aadObjectId: by },
    text: `Tautoko could not reach ${who}${about}: ${reason}. Please contact them another way; admins see this in "outbox failed".`,
    ...(message.applicationId ? { applicationId: message.applicationId } : {}),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  };
}
