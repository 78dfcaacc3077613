import type { Person, RoleGrant } from '../../directory/person';
import { NATIONAL_SITE } from '../../directory/roles';
import type { Role } from '../../directory/roles';
import { compareForList, matchesSearch } from '../search';
import type { ApplicationSearch, SearchPage } from '../search';
import { DuplicateError } from '../types';
import { MemoryDelegations } from './delegations';
import { MemoryClaims, MemoryCounters, MemoryLeases } from './small';
import type {
  ApplicationRepository,
  ConversationRepository,
  DirectoryRevision,
  EventRepository,
  OutboxMessage,
  OutboxRepository,
  OutboxTarget,
  PeopleRepository,
  StateDoc,
  StateRepository,
  Store,
  StoredReference,
} from '../types';
import type { ApplicationDoc, AuditEvent, WorkflowKind } from '../../workflow/domain';

/**
 * The embedded default: the same contracts as the MongoDB store, held in this process.
 * Every read and write copies, so callers can no more mutate stored data than they could a
 * database's. Data does not survive a restart; the bot says so at start-up.
 */
const copy = <T>(v: T): T => structuredClone(v);

class MemoryApplications implements ApplicationRepository {
  private readonly docs = new Map<string, ApplicationDoc>();
  async insert(doc: ApplicationDoc): Promise<void> {
    if (this.docs.has(doc._id)) throw new DuplicateError(`application ${doc._id} exists`);
    this.docs.set(doc._id, copy(doc));
  }
  async get(id: string): Promise<ApplicationDoc | null> {
    const d = this.docs.get(id);
    return d ? copy(d) : null;
  }
  async replaceIfVersion(doc: ApplicationDoc, expectedVersion: number): Promise<boolean> {
    const cur = this.docs.get(doc._id);
    if (!cur || cur.version !== expectedVersion) return false;
    this.docs.set(doc._id, copy(doc));
    return true;
  }
  async findByTaskKeys(keys: string[], limit: number): Promise<ApplicationDoc[]> {
    const set = new Set(keys);
    return this.sorted((d) => !d.closed && d.taskKeys.some((k) => set.has(k)), limit);
  }
  async findByPrisoner(prisonerId: string, limit: number): Promise<ApplicationDoc[]> {
    return this.sorted((d) => d.prisonerId === prisonerId, limit);
  }
  async findOpenByDedupeKey(kind: WorkflowKind, dedupeKey: string): Promise<ApplicationDoc | null> {
    return this.sorted((d) => d.kind === kind && !d.closed && d.dedupeKey === dedupeKey, 1)[0] ?? null;
  }
  async findByKind(kind: WorkflowKind, limit: number): Promise<ApplicationDoc[]> {
    return this.sorted((d) => d.kind === kind, limit);
  }
  async findOpenWithTaskDueBefore(before: Date, limit: number): Promise<ApplicationDoc[]> {
    return this.sorted(
      (d) =>
        !d.closed && d.openTasks.some((t) => t.dueAt !== undefined && t.dueAt.getTime() <= before.getTime()),
      limit,
    );
  }
  async search(query: ApplicationSearch): Promise<SearchPage> {
    const all = [...this.docs.values()].filter((d) => matchesSearch(d, query)).sort(compareForList);
    return { items: all.slice(query.skip, query.skip + query.limit).map(copy), total: all.length };
  }
  async count(): Promise<number> {
    return this.docs.size;
  }
  private sorted(pred: (d: ApplicationDoc) => boolean, limit: number): ApplicationDoc[] {
    return [...this.docs.values()]
      .filter(pred)
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .slice(0, limit)
      .map(copy);
  }
}

class MemoryEvents implements EventRepository {
  private readonly byApp = new Map<string, AuditEvent[]>();
  async append(events: AuditEvent[]): Promise<void> {
    // All-or-nothing, like a unique index rejecting the first clashing insert of an ordered batch.
    for (const e of events) {
      if ((this.byApp.get(e.applicationId) ?? []).some((x) => x.seq === e.seq)) {
        throw new DuplicateError(`event ${e.applicationId}#${e.seq} exists`);
      }
    }
    for (const e of events) {
      const list = this.byApp.get(e.applicationId) ?? [];
      list.push(copy(e));
      list.sort((a, b) => a.seq - b.seq);
      this.byApp.set(e.applicationId, list);
    }
  }
  async list(applicationId: string, fromSeq = 1): Promise<AuditEvent[]> {
    return (this.byApp.get(applicationId) ?? []).filter((e) => e.seq >= fromSeq).map(copy);
  }
  async applicationIds(): Promise<string[]> {
    return [...this.byApp.keys()].sort();
  }
  async since(after: Date, limit: number) {
    return [...this.byApp.values()]
      .flat()
      .filter((e) => e.at.getTime() > after.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .slice(0, limit)
      .map((e) => ({ applicationId: e.applicationId, seq: e.seq, at: e.at }));
  }
  async hasEvent(eventId: string): Promise<boolean> {
    for (const list of this.byApp.values()) if (list.some((e) => e._id === eventId)) return true;
    return false;
  }
  /** Test-only hook: lets the audit tests simulate someone editing the database behind our back. */
  tamper(applicationId: string, seq: number, change: (e: AuditEvent) => void): void {
    const e = this.byApp.get(applicationId)?.find((x) => x.seq === seq);
    if (e) change(e);
  }
}

const grantMatches = (g: RoleGrant, role: Role, site: string) =>
  g.role === role && (g.site === site || g.site === NATIONAL_SITE);

class MemoryPeople implements PeopleRepository {
  private readonly people = new Map<string, Person>();
  /** Moved on by every change, acting cover's included (MemoryDelegations). */
  changes = 0;
  async revision(): Promise<DirectoryRevision> {
    return { generation: 'memory', key: `memory/${this.changes}` };
  }
  async get(id: string): Promise<Person | null> {
    const p = this.people.get(id);
    return p ? copy(p) : null;
  }
  async upsert(person: Person): Promise<void> {
    this.people.set(person.aadObjectId, copy(person));
    this.changes++;
  }
  async replaceAll(people: Person[]): Promise<void> {
    this.people.clear();
    for (const p of people) this.people.set(p.aadObjectId, copy(p));
    this.changes++;
  }
  async withRole(role: Role, site: string): Promise<Person[]> {
    return this.withAnyRole([{ role, site }]);
  }
  async withAnyRole(grants: RoleGrant[]): Promise<Person[]> {
    return [...this.people.values()]
      .filter((p) => p.roles.some((g) => grants.some((w) => grantMatches(g, w.role, w.site))))
      .map(copy);
  }
  async addRole(id: string, grant: RoleGrant): Promise<boolean> {
    const p = this.people.get(id);
    if (!p) return false;
    if (!p.roles.some((g) => g.role === grant.role && g.site === grant.site)) {
      p.roles.push({ ...grant });
      this.changes++;
    }
    return true;
  }
  async removeRole(id: string, grant: RoleGrant): Promise<boolean> {
    const p = this.people.get(id);
    if (!p) return false;
    const before = p.roles.length;
    p.roles = p.roles.filter((g) => !(g.role === grant.role && g.site === grant.site));
    if (p.roles.length === before) return false;
    this.changes++;
    return true;
  }
  async findByNameOrEmail(query: string): Promise<Person[]> {
    const q = query.trim().toLowerCase();
    return [...this.people.values()]
      .filter(
        (p) =>
          p.email.toLowerCase() === q || p.name.toLowerCase().includes(q) || p.aadObjectId === query.trim(),
      )
      .slice(0, 10)
      .map(copy);
  }
  async all(): Promise<Person[]> {
    return [...this.people.values()].map(copy);
  }
}

class MemoryConversations implements ConversationRepository {
  private readonly personal = new Map<string, StoredReference>();
  private readonly channels = new Map<
    string,
    { purpose: string; site: string; ref: StoredReference; by: string; at: Date }
  >();
  async savePersonal(id: string, reference: StoredReference): Promise<void> {
    this.personal.set(id, copy(reference));
  }
  async getPersonal(id: string): Promise<StoredReference | null> {
    const r = this.personal.get(id);
    return r ? copy(r) : null;
  }
  async removePersonal(id: string): Promise<void> {
    this.personal.delete(id);
  }
  private readonly userIds = new Map<string, string>();
  async saveUserId(id: string, userId: string): Promise<void> {
    this.userIds.set(id, userId);
  }
  async userIdsOf(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of ids) {
      const u = this.userIds.get(id);
      if (u) out.set(id, u);
    }
    return out;
  }
  async registerChannel(purpose: string, site: string, ref: StoredReference, by: string): Promise<void> {
    this.channels.set(`${purpose}|${site}`, { purpose, site, ref: copy(ref), by, at: new Date() });
  }
  async getChannel(purpose: string, site: string): Promise<StoredReference | null> {
    const c = this.channels.get(`${purpose}|${site}`);
    return c ? copy(c.ref) : null;
  }
  async listChannels() {
    return [...this.channels.values()].map((c) => ({
      purpose: c.purpose,
      site: c.site,
      registeredBy: c.by,
      at: c.at,
    }));
  }
}

class MemoryOutbox implements OutboxRepository {
  private readonly messages = new Map<string, OutboxMessage>();
  private readonly threads = new Map<string, { activityId: string; target: OutboxTarget }>();
  async enqueue(messages: OutboxMessage[]): Promise<number> {
    let added = 0;
    for (const m of messages) {
      if (this.messages.has(m._id)) continue;
      this.messages.set(m._id, copy(m));
      added++;
    }
    return added;
  }
  async claimNext(owner: string, now: Date, leaseUntil: Date): Promise<OutboxMessage | null> {
    return (await this.claimBatch(owner, now, leaseUntil, 1))[0] ?? null;
  }
  async claimBatch(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]> {
    const due = [...this.messages.values()]
      .filter(
        (m) =>
          m.status === 'pending' &&
          m.nextAttemptAt.getTime() <= now.getTime() &&
          (!m.leaseUntil || m.leaseUntil.getTime() <= now.getTime()),
      )
      .sort(
        (a, b) =>
          a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() ||
          a.createdAt.getTime() - b.createdAt.getTime(),
      );
    return due.slice(0, limit).map((m) => {
      m.leaseOwner = owner;
      m.leaseUntil = leaseUntil;
      return copy(m);
    });
  }
  private owned(id: string, owner: string): OutboxMessage | undefined {
    const m = this.messages.get(id);
    return m && m.leaseOwner === owner ? m : undefined;
  }
  async markSent(id: string, owner: string, at: Date, activityId: string | undefined): Promise<void> {
    const m = this.owned(id, owner);
    if (!m) return;
    Object.assign(m, {
      status: 'sent',
      sentAt: at,
      attempts: m.attempts + 1,
      leaseOwner: undefined,
      leaseUntil: undefined,
    });
    if (activityId) m.activityId = activityId;
  }
  async markRetry(id: string, owner: string, nextAttemptAt: Date, error: string): Promise<void> {
    const m = this.owned(id, owner);
    if (!m) return;
    Object.assign(m, {
      attempts: m.attempts + 1,
      nextAttemptAt,
      lastError: error,
      leaseOwner: undefined,
      leaseUntil: undefined,
    });
  }
  async markFailed(id: string, owner: string, error: string): Promise<void> {
    const m = this.owned(id, owner);
    if (!m) return;
    Object.assign(m, {
      status: 'failed',
      attempts: m.attempts + 1,
      lastError: error,
      leaseOwner: undefined,
      leaseUntil: undefined,
    });
  }
  async heldCards(applicationId: string): Promise<OutboxMessage[]> {
    return [...this.messages.values()]
      .filter(
        (m) =>
          m.applicationId === applicationId &&
          m.status === 'sent' &&
          m.target.kind === 'person' &&
          m.cardRef !== undefined &&
          m.activityId !== undefined &&
          m.updateOf === undefined,
      )
      .map(copy);
  }
  async defer(id: string, owner: string, nextAttemptAt: Date): Promise<void> {
    const m = this.owned(id, owner);
    if (!m) return;
    Object.assign(m, { nextAttemptAt, leaseOwner: undefined, leaseUntil: undefined });
  }
  async overdue(dueBefore: Date): Promise<{ count: number; oldestDueAt?: Date }> {
    const due = [...this.messages.values()]
      .filter((m) => m.status === 'pending' && m.nextAttemptAt.getTime() <= dueBefore.getTime())
      .map((m) => m.nextAttemptAt.getTime());
    return due.length === 0 ? { count: 0 } : { count: due.length, oldestDueAt: new Date(Math.min(...due)) };
  }
  async releaseAll(owner: string): Promise<number> {
    let n = 0;
    for (const m of this.messages.values()) {
      if (m.leaseOwner === owner && m.status === 'pending') {
        m.leaseOwner = undefined;
        m.leaseUntil = undefined;
        n++;
      }
    }
    return n;
  }
  async listFailed(limit: number): Promise<OutboxMessage[]> {
    return [...this.messages.values()]
      .filter((m) => m.status === 'failed')
      .slice(0, limit)
      .map(copy);
  }
  async get(id: string): Promise<OutboxMessage | null> {
    const m = this.messages.get(id);
    return m ? copy(m) : null;
  }
  async threadActivity(threadKey: string) {
    const t = this.threads.get(threadKey);
    return t ? copy(t) : null;
  }
  async saveThreadActivity(threadKey: string, target: OutboxTarget, activityId: string): Promise<void> {
    if (!this.threads.has(threadKey)) this.threads.set(threadKey, { activityId, target: copy(target) });
  }
  async countByStatus() {
    const counts = { pending: 0, sent: 0, failed: 0 };
    for (const m of this.messages.values()) counts[m.status]++;
    return counts;
  }
}

class MemoryState implements StateRepository {
  private readonly docs = new Map<string, StateDoc>();
  async read(keys: string[]): Promise<StateDoc[]> {
    return keys.flatMap((k) => {
      const d = this.docs.get(k);
      return d ? [copy(d)] : [];
    });
  }
  async write(key: string, data: string, eTag: string, expectedETag: string | undefined): Promise<boolean> {
    const cur = this.docs.get(key);
    if (expectedETag !== undefined && expectedETag !== '*') {
      if (!cur || cur.eTag !== expectedETag) return false;
    }
    this.docs.set(key, { _id: key, eTag, data });
    return true;
  }
  async delete(keys: string[]): Promise<void> {
    for (const k of keys) this.docs.delete(k);
  }
}

export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  readonly applications = new MemoryApplications();
  readonly events = new MemoryEvents();
  readonly people = new MemoryPeople();
  readonly conversations = new MemoryConversations();
  readonly outbox = new MemoryOutbox();
  readonly counters = new MemoryCounters();
  readonly claims = new MemoryClaims();
  readonly leases = new MemoryLeases();
  readonly state = new MemoryState();
  readonly delegations = new MemoryDelegations(() => void this.people.changes++);
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

export function createMemoryStore(): MemoryStore {
  return new MemoryStore();
}
