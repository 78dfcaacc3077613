import { appendSystemEvent } from '../audit/systemLog';
import type { Clock } from '../clock';
import { DomainError, ForbiddenError } from '../errors';
import type { OutboxMessage, Store, StoredReference } from '../store/types';
import type { Actor, Person, RoleGrant } from './person';
import { hasRole, roleGrantSchema } from './person';
import { NATIONAL_SITE, ROLES } from './roles';

type Origin = { activityId: string; correlationId: string };

const LAST_ADMIN =
  'That is the last all-sites admin; give someone else admin at * first, so Tautoko always has one.';
const isNationalAdmin = (g: RoleGrant) => g.role === 'admin' && g.site === NATIONAL_SITE;
const hasNationalAdmin = (p: Person) => p.roles.some(isNationalAdmin);

/** The one person `who` (an email, an id, or a name only one person has) names; NOT_FOUND otherwise. */
export async function findOnePerson(store: Store, who: string): Promise<Person> {
  const matches = await store.people.findByNameOrEmail(who);
  const exact = matches.filter((p) => p.email.toLowerCase() === who.toLowerCase() || p.aadObjectId === who);
  const person = exact.length === 1 ? exact[0] : matches.length === 1 ? matches[0] : undefined;
  if (person) return person;
  throw new DomainError(
    'NOT_FOUND',
    matches.length > 1
      ? `More than one person matches "${who}"; use their email.`
      : `Nobody in the directory matches "${who}".`,
  );
}

/** Chat administration of the directory and channels; every change is audited. */
export class DirectoryAdmin {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Who may change this grant: an admin at its site manages the roles at that site; only an
   * all-sites admin grants or takes away `admin` itself or any all-sites (`*`) role, so no site
   * admin can raise themself or anyone else above their site.
   */
  private requireMayChange(actor: Actor, grant: RoleGrant): void {
    const national = actor.roles.some((g) => g.role === 'admin' && g.site === NATIONAL_SITE);
    if (national) return;
    if (!actor.roles.some((g) => g.role === 'admin')) throw new ForbiddenError('This is for Tautoko admins.');
    if (grant.role === 'admin' || grant.site === NATIONAL_SITE)
      throw new ForbiddenError('Only an all-sites admin can change admin roles or roles at every site (*).');
    if (!hasRole(actor, 'admin', grant.site))
      throw new ForbiddenError(`This is for Tautoko admins at ${grant.site}.`);
  }

  /**
   * Someone's roles, for staff only: the asker needs a role somewhere, and sees the people who
   * share a site with them (everyone, for a holder of an all-sites role).
   */
  async findPeople(actor: Actor, query: string): Promise<Person[]> {
    if (actor.roles.length === 0) throw new ForbiddenError('This is for staff with a role in Tautoko.');
    const everywhere = actor.roles.some((g) => g.site === NATIONAL_SITE);
    const sites = new Set(actor.roles.map((g) => g.site));
    const found = await this.store.people.findByNameOrEmail(query);
    return everywhere
      ? found
      : found.filter((p) => p.roles.some((g) => sites.has(g.site) || g.site === NATIONAL_SITE));
  }

  async changeRole(
    actor: Actor,
    op: 'add' | 'remove',
    who: string,
    role: string,
    site: string,
    origin: Origin,
  ): Promise<Person> {
    if (!actor.roles.some((g) => g.role === 'admin')) throw new ForbiddenError('This is for Tautoko admins.');
    const grant = roleGrantSchema.safeParse({ role, site });
    if (!grant.success) {
      throw new DomainError(
        'VALIDATION',
        `Unknown role or site. Roles: ${ROLES.join(', ')}. Use * for all sites.`,
      );
    }
    this.requireMayChange(actor, grant.data);
    const person = await findOnePerson(this.store, who);
    const lastAdmin = isNationalAdmin(grant.data) && op === 'remove';
    if (lastAdmin && (await this.nationalAdmins()) <= 1 && hasNationalAdmin(person))
      throw new DomainError('VALIDATION', LAST_ADMIN);
    const changed =
      op === 'add'
        ? await this.store.people.addRole(person.aadObjectId, grant.data)
        : await this.store.people.removeRole(person.aadObjectId, grant.data);
    if (!changed) throw new DomainError('NOT_FOUND', `${person.name} does not have that role at that site.`);
    // Two admins removing each other at once both pass the check above (there are no transactions):
    // whoever finds nobody left puts the grant back, so there is always an all-sites admin.
    if (lastAdmin && (await this.nationalAdmins()) === 0) {
      await this.store.people.addRole(person.aadObjectId, grant.data);
      throw new DomainError('VALIDATION', LAST_ADMIN);
    }
    await appendSystemEvent(
      this.store,
      op === 'add' ? 'directory.roleAdded' : 'directory.roleRemoved',
      { person: person.aadObjectId, role: grant.data.role, site: grant.data.site },
      actor,
      origin,
      this.clock.now(),
    );
    return (await this.store.people.get(person.aadObjectId))!;
  }

  /**
   * Undeliverable messages an admin may see: every one for an all-sites admin; for a site admin,
   * those to a channel at their sites or about an application at their sites. (The outbox's totals
   * and its stuck alarm are the service's health, shown to every admin.)
   */
  async failedMessages(actor: Actor, limit: number): Promise<OutboxMessage[]> {
    if (!actor.roles.some((g) => g.role === 'admin')) throw new ForbiddenError('This is for Tautoko admins.');
    if (hasRole(actor, 'admin', NATIONAL_SITE)) return this.store.outbox.listFailed(limit);
    const sites = new Set(actor.roles.filter((g) => g.role === 'admin').map((g) => g.site));
    const appSites = new Map<string, string | undefined>();
    const visible: OutboxMessage[] = [];
    for (const m of await this.store.outbox.listFailed(limit * 10)) {
      let site = m.target.kind === 'channel' ? m.target.site : undefined;
      if (!site && m.applicationId) {
        if (!appSites.has(m.applicationId))
          appSites.set(m.applicationId, (await this.store.applications.get(m.applicationId))?.site);
        site = appSites.get(m.applicationId);
      }
      if (site && sites.has(site)) visible.push(m);
      if (visible.length === limit) break;
    }
    return visible;
  }

  private async nationalAdmins(): Promise<number> {
    return (await this.store.people.withRole('admin', NATIONAL_SITE)).filter(hasNationalAdmin).length;
  }

  /** Registered from inside the channel itself, so the reference is the channel's own. */
  async registerChannel(
    actor: Actor,
    purpose: string,
    site: string,
    reference: StoredReference,
    origin: Origin,
  ): Promise<void> {
    if (!hasRole(actor, 'admin', site) && !hasRole(actor, 'admin', NATIONAL_SITE)) {
      throw new ForbiddenError(`This is for Tautoko admins at ${site}.`);
    }
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(purpose)) {
      throw new DomainError(
        'VALIDATION',
        'A channel purpose is lower-case letters and dashes, e.g. entry-staff or custodial-decisions.',
      );
    }
    await this.store.conversations.registerChannel(purpose, site, reference, actor.aadObjectId);
    await appendSystemEvent(
      this.store,
      'channel.registered',
      { purpose, site },
      actor,
      origin,
      this.clock.now(),
    );
  }
}
