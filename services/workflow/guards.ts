import { hasAnyRole } from '../directory/person';
import type { Actor } from '../directory/person';
import { NATIONAL_SITE, roleListLabel } from '../directory/roles';
import type { Role } from '../directory/roles';
import { AlreadyDoneError, DomainError, ForbiddenError, ValidationError } from '../errors';
import { formatNz } from '../time';
import type { Stamp } from './stamp';
import type { AppliedEvent } from './types';

/**
 * What a process's `decide` refuses with, shared by every process so the same refusal reads the
 * same everywhere. Each throws a DomainError the bot layer knows how to show; none reads anything
 * but its arguments.
 */

/** "case manager or case officer at Site-A" (national office for an all-sites grant). */
export function rolesAt(roles: readonly Role[], site: string): string {
  return `${roleListLabel(roles)} at ${site === NATIONAL_SITE ? 'national office' : site}`;
}

/** Refuses anyone without one of `roles` at `site` (a national grant counts everywhere). */
export function requireRole(actor: Pick<Actor, 'roles'>, roles: readonly Role[], site: string): void {
  if (!hasAnyRole(actor, roles, site)) {
    throw new ForbiddenError(`This is for ${rolesAt(roles, site)}.`, { roles: [...roles], site });
  }
}

/**
 * The one-time thing is done already: "<what> by <name> at <NZ time>." (`what` says what was done:
 * "The review was already submitted"). The error carries who and when, so the bot can tell a
 * second clicker who did it.
 */
export function alreadyDone(what: string, by: Pick<Stamp, 'name' | 'at'>): never {
  const at = new Date(by.at);
  throw new AlreadyDoneError(`${what} by ${by.name} at ${formatNz(at)}.`, { name: by.name, at });
}

export function wrongStage(message: string): never {
  throw new DomainError('WRONG_STAGE', message);
}

export function invalid(field: string, message: string): never {
  throw new ValidationError([{ field, message }]);
}

/** Payload fields are the process's own (written by its `decide`), so a narrow cast at the read site is enough. */
export function payloadOf<T>(e: AppliedEvent): T {
  return e.payload as T;
}
