import { appendSystemEvent, SYSTEM_CHAIN } from '../audit/systemLog';
import type { Clock } from '../clock';
import { AlreadyDoneError, DomainError, ForbiddenError } from '../errors';
import { DuplicateError } from '../store/types';
import type { OutboxMessage, Store } from '../store/types';
import { endOfNzDay, formatNz, nzDateOf, nzLocalToUtc, nzYear } from '../time';
import { findOnePerson } from './admin';
import {
  actorWithCover,
  checkGrant,
  maySee,
  mayRevoke,
  ownRoles,
  parseDate,
  parseRole,
  periodLabel,
} from './delegation';
import type { Delegation, DelegationRecord, Revocation } from './delegation';
import type { Actor } from './person';
import { siteSchema } from './person';
import { roleLabel, ROLES } from './roles';

type Origin = { activityId: string; correlationId: string };

/** What someone asks for when they give acting cover, as typed. */
export interface GrantAsk {
  role: string;
  who: string;
  site: string;
  /** A date as typed; absent: from now. */
  from?: string;
  until: string;
}

const LIST_LIMIT = 50;

/** The person and the acting cover in force at `now`, read together (one round trip's wait). */
export async function loadActor(store: Store, aadObjectId: string, now: Date): Promise<Actor | null> {
  const [person, cover] = await Promise.all([
    store.people.get(aadObjectId),
    store.delegations.forDelegate(aadObjectId, now),
  ]);
  return person ? actorWithCover(person, cover, now) : null;
}

/** Gives, ends and lists acting cover; every grant and revocation is on the system audit chain. */
export class DelegationAdmin {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async grant(grantor: Actor, ask: GrantAsk, origin: Origin): Promise<DelegationRecord> {
    const now = this.clock.now();
    const role = parseRole(ask.role);
    if (!role) throw new DomainError('VALIDATION', `Unknown role "${ask.role}". Roles: ${ROLES.join(', ')}.`);
    const site = siteSchema.safeParse(ask.site);
    if (!site.success) throw new DomainError('VALIDATION', `"${ask.site}" is not a site.`);
    const { from, until } = period(ask, now);
    const delegate = await findOnePerson(this.store, ask.who);
    const grantedAs = checkGrant({ grantor, delegate, role, site: site.data, from, until, now });
    const requestKey = `grant:${origin.activityId}`;
    const again = await this.store.delegations.byRequestKey(requestKey);
    if (again) return this.audited(again, grantor, origin);
    const delegation: Delegation = {
      _id: `DEL-${nzYear(now)}-${String(await this.store.counters.next(`DEL-${nzYear(now)}`)).padStart(5, '0')}`,
      delegate: delegate.aadObjectId,
      delegateName: delegate.name,
      role,
      site: site.data,
      from,
      until,
      grantedBy: { aadObjectId: grantor.aadObjectId, name: grantor.name },
      grantedAt: now,
      grantedAs,
      requestKey,
    };
    try {
      await this.store.delegations.grant(delegation);
    } catch (e) {
      // The same request, retried while the first was still being recorded: it granted once.
      if (!(e instanceof DuplicateError)) throw e;
      const first = await this.store.delegations.byRequestKey(requestKey);
      if (!first) throw e;
      return this.audited(first, grantor, origin);
    }
    return this.audited(delegation, grantor, origin);
  }

  /**
   * Makes sure the grant is on the audit chain once, and its delegate told once (a retried request
   * finds it there already).
   */
  private async audited(d: DelegationRecord, grantor: Actor, origin: Origin): Promise<DelegationRecord> {
    const chain = await this.store.events.list(SYSTEM_CHAIN);
    if (!chain.some((e) => e.type === 'delegation.granted' && e.payload['delegationId'] === d._id)) {
      await appendSystemEvent(
        this.store,
        'delegation.granted',
        auditPayload(d),
        grantor,
        origin,
        d.grantedAt,
      );
    }
    await this.tell(d, 'granted', `${d.grantedBy.name} gave you acting cover`, d.grantedAt);
    return d;
  }

  async revoke(actor: Actor, id: string, origin: Origin): Promise<DelegationRecord> {
    const now = this.clock.now();
    const d = await this.store.delegations.get(id.trim().toUpperCase());
    if (!d || !maySee(actor, d))
      throw new DomainError('NOT_FOUND', `There is no acting cover ${id} that you can see.`);
    if (!mayRevoke(actor, d))
      throw new ForbiddenError(
        `Only whoever gave it, ${d.delegateName}, an admin at ${d.site} or a ${roleLabel(d.role)} at ${d.site} can end this cover.`,
      );
    if (d.revoked) throw alreadyEnded(d, d.revoked);
    if (d.until.getTime() <= now.getTime())
      throw new AlreadyDoneError(`${d._id} already ended on ${formatNz(d.until)}.`, undefined);
    const revocation: Revocation = {
      delegationId: d._id,
      by: { aadObjectId: actor.aadObjectId, name: actor.name },
      at: now,
    };
    const outcome = await this.store.delegations.revoke(revocation);
    if (!outcome) throw new DomainError('NOT_FOUND', `There is no acting cover ${id} that you can see.`);
    if (!outcome.first) throw alreadyEnded(d, outcome.revocation);
    await appendSystemEvent(this.store, 'delegation.revoked', auditPayload(d), actor, origin, now);
    if (actor.aadObjectId !== d.delegate)
      await this.tell(d, 'revoked', `${actor.name} ended your acting cover`, now);
    return { ...d, revoked: revocation };
  }

  /**
   * Cover that has not ended, that the asker may see: at the sites where they hold a role in their
   * own right (every site for an all-sites role), and their own.
   */
  async list(actor: Actor): Promise<DelegationRecord[]> {
    const now = this.clock.now();
    const sites = [...new Set(ownRoles(actor).roles.map((g) => g.site))];
    const [atSites, mine] = await Promise.all([
      this.store.delegations.atSites(sites.includes('*') ? null : sites, now, LIST_LIMIT),
      this.store.delegations.forDelegate(actor.aadObjectId, now),
    ]);
    const seen = new Set<string>();
    return [...mine, ...atSites]
      .filter((d) => !seen.has(d._id) && seen.add(d._id) && maySee(actor, d))
      .sort((a, b) => a.until.getTime() - b.until.getTime());
  }

  /** A 1:1 message to the delegate (through the outbox, once per grant or revocation). */
  private async tell(d: Delegation, what: 'granted' | 'revoked', opening: string, at: Date): Promise<void> {
    const text =
      what === 'granted'
        ? `${opening} as ${roleLabel(d.role)} at ${d.site} (${d._id}), ${periodLabel(d)}. ` +
          `The role's tasks are in "my tasks" while it lasts; what you do under it is recorded as ` +
          `"${d.delegateName}, acting ${roleLabel(d.role)}".`
        : `${opening} as ${roleLabel(d.role)} at ${d.site} (${d._id}) from ${formatNz(at)}.`;
    const message: OutboxMessage = {
      _id: `${d._id}:${what}:${d.delegate}`,
      target: { kind: 'person', aadObjectId: d.delegate },
      text,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      requestedBy: d.grantedBy.aadObjectId,
    };
    await this.store.outbox.enqueue([message]);
  }
}

/** The days asked for as instants: from the start of the first NZ day (or now), to the close of the last. */
function period(ask: GrantAsk, now: Date): { from: Date; until: Date } {
  const last = parseDate(ask.until);
  const first = ask.from === undefined ? nzDateOf(now) : parseDate(ask.from);
  if (!last || !first)
    throw new DomainError('VALIDATION', 'Give dates as 2026-12-20 or 20/12/2026 (day, month, year).');
  if (first < nzDateOf(now)) throw new DomainError('VALIDATION', 'Acting cover cannot begin before today.');
  const start = first === nzDateOf(now) ? now : nzLocalToUtc(first, '00:00');
  const end = endOfNzDay(last);
  if (!start || !end) throw new DomainError('VALIDATION', 'Give dates as 2026-12-20 or 20/12/2026.');
  return { from: start, until: new Date(end.getTime() + 1) };
}

function auditPayload(d: Delegation): Record<string, unknown> {
  return {
    delegationId: d._id,
    delegate: d.delegate,
    delegateName: d.delegateName,
    role: d.role,
    site: d.site,
    from: d.from.toISOString(),
    until: d.until.toISOString(),
    grantedAs: d.grantedAs,
  };
}

function alreadyEnded(d: Delegation, r: Revocation): AlreadyDoneError {
  return new AlreadyDoneError(`${d._id} was already ended by ${r.by.name} at ${formatNz(r.at)}.`, {
    name: r.by.name,
    at: r.at,
  });
}
