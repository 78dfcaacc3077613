import type { AppliedEvent } from './types';

/**
 * Who did something and when: the one shape every process records it in (a consent, a decision, a
 * sign-off). Taken from the audit event (`stampOf`), never from what a card sent, so it is the
 * directory's id and name of the person the engine authenticated. Keep it nested (`by: Stamp`)
 * beside the record's own fields rather than spread into them, so a record's `name` is never the
 * actor's.
 */
export interface Stamp {
  aadObjectId: string;
  name: string;
  /** ISO instant (UTC). */
  at: string;
}

export function stampOf(e: Pick<AppliedEvent, 'actor' | 'at'>): Stamp {
  return { aadObjectId: e.actor.aadObjectId, name: e.actor.name, at: new Date(e.at).toISOString() };
}
