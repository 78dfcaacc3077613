import type { Actor } from '../directory/person';
import { DuplicateError } from '../store/types';
import type { Store } from '../store/types';
import type { AuditEvent } from '../workflow/domain';
import { GENESIS_HASH, hashEvent } from './hashChain';

/**
 * Changes that belong to no application (directory roles, channel registrations) are audited
 * on a chain of their own, with the same hashing and the same unique (chain, seq) guard.
 */
export const SYSTEM_CHAIN = 'SYSTEM';

export async function appendSystemEvent(
  store: Store,
  type: string,
  payload: Record<string, unknown>,
  actor: Pick<Actor, 'aadObjectId' | 'name'>,
  origin: { activityId: string; correlationId: string },
  now: Date,
): Promise<AuditEvent> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const existing = await store.events.list(SYSTEM_CHAIN);
    const last = existing[existing.length - 1];
    const partial: Omit<AuditEvent, 'hash'> = {
      _id: `${SYSTEM_CHAIN}#${(last?.seq ?? 0) + 1}`,
      applicationId: SYSTEM_CHAIN,
      seq: (last?.seq ?? 0) + 1,
      type,
      actor: { aadObjectId: actor.aadObjectId, name: actor.name },
      at: now,
      activityId: origin.activityId,
      correlationId: origin.correlationId,
      payload,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const event = { ...partial, hash: hashEvent(partial) };
    try {
      await store.events.append([event]);
      return event;
    } catch (e) {
      if (!(e instanceof DuplicateError)) throw e;
    }
  }
  throw new Error('could not append to the system audit chain');
}
