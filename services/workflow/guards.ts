import { hasAnyRole } from '../directory/person';
import type { Actor } from '../directory/person';
import { roleListLabel } from '../directory/roles';
import type { Role } from '../directory/roles';
import { AlreadyDoneError, DomainError, ForbiddenError, ValidationError } from '../errors';
import { formatNz } from '../time';
import type { AppliedEvent } from './types';

/**
 * What a process's `decide` refuses with, and the "who did it, when" stamp its `evolve` records.
 * Shared by every process so the same refusal reads the same everywhere.
 */

/** Who did something and when (ISO, UTC), as folded from the audit event. */
export interface Stamp {
  byId: string;
  by: string;
  at: string;
}

/** Refuses anyone without one of `roles` at `site` (a national grant counts everywhere). */
export function requireRole(actor: Actor, roles: readonly Role[], site: string): void {
  if (!hasAnyRole(actor, roles, site)) {
    throw new ForbiddenError(
      `This is for ${roleListLabel(roles)} at ${site === '*' ? 'national office' : site}.`,
      { roles: [...roles], site },
    );
  }
}

export function alreadyDone(what: string, st: Stamp): never {
  const at = new Date(st.at);
  throw new AlreadyDoneError(`${what} already recorded by ${st.by} on ${formatNz(at)}.`, { name: st.by, at });
}

export function wrongStage(message: string): never {
  throw new DomainError('WRONG_STAGE', message);
}

export function invalid(field: string, message: string): never {
  throw new ValidationError([{ field, message }]);
}

export function stampOf(e: Pick<AppliedEvent, 'actor' | 'at'>): Stamp {
  return { byId: e.actor.aadObjectId, by: e.actor.name, at: new Date(e.at).toISOString() };
}

/** Payload fields are the process's own (written by its `decide`), so a narrow cast at the read site is enough. */
export function payloadOf<T>(e: AppliedEvent): T {
  return e.payload as T;
}
