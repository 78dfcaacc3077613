import { appendSystemEvent } from '../audit/systemLog';
import type { Clock } from '../clock';
import { DomainError, ForbiddenError } from '../errors';
import type { Store, StoredReference } from '../store/types';
import type { Actor, Person } from './person';
import { hasRole, roleGrantSchema } from './person';
import { NATIONAL_SITE, ROLES } from './roles';

type Origin = { activityId: string; correlationId: string };

/** Chat administration of the directory and channels; every change is audited. */
export class DirectoryAdmin {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private requireAdmin(actor: Actor): void {
    if (!actor.roles.some((g) => g.role === 'admin')) throw new ForbiddenError('This is for Tautoko admins.');
  }

  async findPeople(query: string): Promise<Person[]> {
    return this.store.people.findByNameOrEmail(query);
  }

  async changeRole(
    actor: Actor,
    op: 'add' | 'remove',
    who: string,
    role: string,
    site: string,
    origin: Origin,
  ): Promise<Person> {
    this.requireAdmin(actor);
    const grant = roleGrantSchema.safeParse({ role, site });
    if (!grant.success) {
      throw new DomainError(
        'VALIDATION',
        `Unknown role or site. Roles: ${ROLES.join(', ')}. Use * for all sites.`,
      );
    }
    const matches = await this.store.people.findByNameOrEmail(who);
    const exact = matches.filter((p) => p.email.toLowerCase() === who.toLowerCase() || p.aadObjectId === who);
    const person = exact.length === 1 ? exact[0] : matches.length === 1 ? matches[0] : undefined;
    if (!person) {
      throw new DomainError(
        'NOT_FOUND',
        matches.length > 1
          ? `More than one person matches "${who}"; use their email.`
          : `Nobody in the directory matches "${who}".`,
      );
    }
    const changed =
      op === 'add'
        ? await this.store.people.addRole(person.aadObjectId, grant.data)
        : await this.store.people.removeRole(person.aadObjectId, grant.data);
    if (!changed) throw new DomainError('NOT_FOUND', `${person.name} does not have that role at that site.`);
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
