import { DomainError, ForbiddenError } from '../errors';
import { formatNz } from '../time';
import type { Actor, Person, RoleGrant } from './person';
import { hasRole } from './person';
import { NATIONAL_SITE, ROLE_LABELS, ROLES, roleLabel } from './roles';
import type { Role } from './roles';
import type { ActingStamp, Delegation, DelegationRecord, Stamp } from './delegationRecords';

export type {
  ActingStamp,
  Delegation,
  DelegationRecord,
  DelegationRepository,
  Revocation,
  Stamp,
} from './delegationRecords';

/**
 * Acting cover ("prison director or delegate", "GM or delegate"): a person may act in a named role
 * at one site for a stated period. The rules here are pure; the store keeps grants and revocations
 * (DelegationRepository), services/directory/delegationAdmin.ts grants, revokes and audits, and the
 * workflow engine decides under cover (`decideUnderCover`) so that every action taken under a
 * delegation is stamped with it ("Patti Fernandez, acting general manager custodial").
 */

/** Longest cover one grant may give: a longer absence is a change of role, for an admin. */
export const MAX_COVER_DAYS = 366;
const DAY_MS = 86_400_000;

/** In force at `now`: begun, not ended, not revoked. */
export function isActive(d: DelegationRecord, now: Date): boolean {
  return !d.revoked && d.from.getTime() <= now.getTime() && now.getTime() < d.until.getTime();
}

/** Grants read at once for telling delegates (every site's cover in force); far more than a department gives. */
export const MAX_COVER_READ = 1000;

/**
 * Who is acting in one of `roles` at `site` at `now` under these grants: the delegates a message
 * for the role must reach beside its holders ("GM or delegate" is told as the GM is).
 */
export function actingIn(
  cover: readonly DelegationRecord[],
  roles: readonly Role[],
  site: string,
  now: Date,
): string[] {
  return cover
    .filter(
      (d) => isActive(d, now) && roles.includes(d.role) && (d.site === site || d.site === NATIONAL_SITE),
    )
    .map((d) => d.delegate);
}

/** "Mon 1 Dec 2026 to the end of Sat 20 Dec 2026": the days a grant covers, its last day included. */
export function periodLabel(d: Pick<Delegation, 'from' | 'until'>): string {
  return `${formatNz(d.from, false)} to the end of ${formatNz(new Date(d.until.getTime() - 1), false)}`;
}

/** "Patti Fernandez, acting general manager custodial": how an action under cover names its actor. */
export function actingName(personName: string, role: Role): string {
  return `${personName}, acting ${roleLabel(role)}`;
}

export interface GrantRequest {
  grantor: Actor;
  delegate: Person;
  role: Role;
  site: string;
  from: Date;
  until: Date;
  now: Date;
}

/**
 * Checks a grant and says in what capacity the grantor gives it. Throws DomainError with a message
 * for the grantor when it may not be given. The grantor's own roles count, never cover they hold
 * themselves: acting cover is not passed on.
 */
export function checkGrant(req: GrantRequest): Delegation['grantedAs'] {
  const { grantor, delegate, role, site, from, until, now } = req;
  if (role === 'admin')
    throw new ForbiddenError('Admin cannot be delegated: an all-sites admin gives admin with `role add`.');
  if (site === NATIONAL_SITE)
    throw new DomainError('VALIDATION', 'Acting cover is for one site: name the site, not *.');
  const own = ownRoles(grantor);
  const grantedAs = hasRole(own, 'admin', site)
    ? 'admin'
    : hasRole(own, role, site)
      ? 'role-holder'
      : undefined;
  if (!grantedAs)
    throw new ForbiddenError(
      `Only an admin at ${site} or a ${roleLabel(role)} at ${site} can give acting cover as ${roleLabel(role)} there.`,
    );
  if (delegate.aadObjectId === grantor.aadObjectId)
    throw new DomainError('VALIDATION', 'You cannot give acting cover to yourself.');
  if (hasRole(delegate, role, site))
    throw new DomainError('VALIDATION', `${delegate.name} is already a ${roleLabel(role)} at ${site}.`);
  if (until.getTime() <= from.getTime())
    throw new DomainError('VALIDATION', 'The cover must end after it begins.');
  if (until.getTime() <= now.getTime())
    throw new DomainError(
      'VALIDATION',
      'That cover would already have ended: give an end date from today on.',
    );
  if (until.getTime() - from.getTime() > MAX_COVER_DAYS * DAY_MS)
    throw new DomainError(
      'VALIDATION',
      `Acting cover is for at most ${MAX_COVER_DAYS} days; for longer, an admin gives the role itself.`,
    );
  return grantedAs;
}

/** Who may end a grant: its grantor, its delegate, an admin at its site, a holder of its role there. */
export function mayRevoke(actor: Actor, d: Delegation): boolean {
  const own = ownRoles(actor);
  return (
    actor.aadObjectId === d.grantedBy.aadObjectId ||
    actor.aadObjectId === d.delegate ||
    hasRole(own, 'admin', d.site) ||
    hasRole(own, d.role, d.site)
  );
}

/** Who may see a grant in a list: as for revoking, and anyone holding a role at its site. */
export function maySee(actor: Actor, d: Delegation): boolean {
  return mayRevoke(actor, d) || ownRoles(actor).roles.some((g) => g.site === d.site);
}

/** The actor's roles in their own right (without cover). */
export function ownRoles(actor: Pick<Actor, 'roles' | 'cover'>): Pick<Actor, 'roles'> {
  const cover = actor.cover ?? [];
  return { roles: actor.roles.filter((g) => !cover.some((c) => c.role === g.role && c.site === g.site)) };
}

/**
 * The actor for this turn: the person's roles, and the cover in force at `now` counted as holding
 * its role at its site (for `my tasks`, what cards offer, who may see what). Cover for a role the
 * person already holds there adds nothing and is left out.
 */
export function actorWithCover(person: Person, delegations: readonly DelegationRecord[], now: Date): Actor {
  const cover = delegations.filter(
    (d) => d.delegate === person.aadObjectId && isActive(d, now) && !hasRole(person, d.role, d.site),
  );
  const unique = cover.filter((d, i) => cover.findIndex((c) => c.role === d.role && c.site === d.site) === i);
  const grants: RoleGrant[] = unique.map((d) => ({ role: d.role, site: d.site }));
  return {
    aadObjectId: person.aadObjectId,
    name: person.name,
    roles: [...person.roles, ...grants],
    ...(unique.length > 0 ? { cover: unique } : {}),
  };
}

/** The audit trail's record of who acted, with the delegation they acted under, if any. */
export function auditActor(actor: Actor): Stamp & { acting?: ActingStamp } {
  return {
    aadObjectId: actor.aadObjectId,
    name: actor.name,
    ...(actor.acting ? { acting: actor.acting } : {}),
  };
}

/** The actor as they act under one delegation: its role added to their own, their name saying so. */
function underCover(own: Actor, d: Delegation): Actor {
  return {
    aadObjectId: own.aadObjectId,
    name: actingName(own.name, d.role),
    roles: [...own.roles, { role: d.role, site: d.site }],
    acting: { delegationId: d._id, role: d.role, site: d.site },
  };
}

/**
 * Runs a decision as the actor in their own right first; only when that is refused, under each
 * delegation in force at `now` (at `site`, when the site is known) in turn. The first that is
 * allowed is the cover the action is taken under, and the actor returned says so (`acting`, and
 * the acting name). When none is allowed, the refusal is the one with all their cover counted,
 * which says what is wrong with the action rather than who may take it. Expired or revoked cover
 * is never tried, so an action that needs it is refused.
 */
export function decideUnderCover<C extends { actor: Actor; now: Date }, T>(
  ctx: C,
  site: string | undefined,
  decide: (ctx: C) => T,
): { result: T; actor: Actor } {
  const { actor, now } = ctx;
  const as = (a: Actor): { result: T; actor: Actor } => ({ result: decide({ ...ctx, actor: a }), actor: a });
  const cover = (actor.cover ?? []).filter(
    (d) => isActive(d, now) && (site === undefined || d.site === site),
  );
  const own: Actor = { aadObjectId: actor.aadObjectId, name: actor.name, roles: ownRoles(actor).roles };
  if (cover.length === 0) return as(own);
  try {
    return as(own);
  } catch (refusal) {
    if (!(refusal instanceof DomainError)) throw refusal;
    for (const d of cover) {
      try {
        return as(underCover(own, d));
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
      }
    }
    as({ ...own, roles: [...own.roles, ...cover.map((d) => ({ role: d.role, site: d.site }))] });
    throw refusal;
  }
}

const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

/** A role as people type it: its id (general-manager-custodial) or its label (general manager custodial). */
export function parseRole(text: string): Role | undefined {
  const t = squash(text);
  return ROLES.find((r) => squash(r) === t || squash(ROLE_LABELS[r]) === t);
}

/** A calendar date as typed: 2026-12-20 or 20/12/2026 (day first, as in New Zealand). */
export function parseDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  const nz = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : nz ? [nz[3], nz[2], nz[1]] : [];
  if (!y || !m || !d) return undefined;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === date ? date : undefined;
}
