import type { Actor } from '../directory/person';

/**
 * Tautoko itself, as the actor of what time causes (an order's expiry recorded by the scheduler).
 * Directory ids cannot take this form (see personSchema), so no person can act as it.
 */
export const SYSTEM_ACTOR_ID = 'system:tautoko';
export const SYSTEM_ACTOR: Actor = { aadObjectId: SYSTEM_ACTOR_ID, name: 'Tautoko (scheduled)', roles: [] };

export function isSystemActor(actor: Pick<Actor, 'aadObjectId'>): boolean {
  return actor.aadObjectId === SYSTEM_ACTOR_ID;
}
