import { hasAnyRole } from '../directory/person';
import type { Actor } from '../directory/person';
import { NATIONAL_SITE, roleListLabel } from '../directory/roles';
import type { Role } from '../directory/roles';
import { AlreadyDoneError, ForbiddenError } from '../errors';
import { formatNz } from '../time';
import type { Stamp } from './stamp';

/**
 * The guards every process's `decide` uses. Each throws a DomainError the bot layer knows how to
 * show; none reads anything but its arguments.
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
 * The one-time thing is done already: "<what> by <name> at <NZ time>." The error carries who and
 * when, so the bot can tell a second clicker who decided.
 */
export function alreadyDone(what: string, by: Pick<Stamp, 'name' | 'at'>): AlreadyDoneError {
  const at = new Date(by.at);
  return new AlreadyDoneError(`${what} by ${by.name} at ${formatNz(at)}.`, { name: by.name, at });
}
