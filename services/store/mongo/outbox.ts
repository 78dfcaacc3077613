import { MongoBulkWriteError } from 'mongodb';
import type { Collection, Db } from 'mongodb';
import type { OutboxMessage, OutboxRepository, OutboxTarget } from '../types';
import { ensureIndexes, guard, isDuplicateKey, mapMongoError } from './errors';
import { GroupCommit } from './groupCommit';
import { GenerationRegister } from './register';

interface ThreadDoc {
  _id: string;
  activityId: string;
  target: OutboxTarget;
  at: Date;
}

/** Absent optional fields stay absent (the client ignores undefined), but a null from elsewhere must not leak. */
function toMessage(doc: OutboxMessage): OutboxMessage {
  const out = { ...doc } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === null) delete out[k];
  return out as unknown as OutboxMessage;
}

const LEASE_FIELDS = { leaseOwner: '', leaseUntil: '' } as const;
const RELEASED = { owner: '', until: new Date(0) };
const CLAIM_ROUNDS = 3;

interface Finish {
  id: string;
  owner: string;
  set: Partial<OutboxMessage>;
  final: boolean;
  attempted: boolean;
}

export class MongoOutbox implements OutboxRepository {
  private readonly col: Collection<OutboxMessage>;
  private readonly threads: Collection<ThreadDoc>;
  /**
   * Who holds each message, as generations (see GenerationRegister): the message's own
   * leaseOwner/leaseUntil only mirror it, because on FerretDB a filtered update is no compare-and-swap.
   */
  readonly leases: GenerationRegister<{ owner: string; until: Date }>;
  /** Messages claimed in this process and not yet finished, with when their lease ends. */
  private readonly held = new Map<string, number>();
  /** Lease mirrors still being written, by message. */
  private readonly mirroring = new Map<string, Promise<unknown>>();
  /** Finishing messages (sent, retry, failed, deferred) is written in groups: see finishGroup. */
  private readonly finishing = new GroupCommit<Finish, void>((items) => this.finishGroup(items));

  constructor(db: Db) {
    this.leases = new GenerationRegister(db, 'outbox_leases');
    this.col = db.collection<OutboxMessage>('outbox');
    this.threads = db.collection<ThreadDoc>('outbox_threads');
  }

  async ensureIndexes(): Promise<void> {
    await this.leases.ensureIndexes();
    await ensureIndexes(this.col, [
      { key: { status: 1, nextAttemptAt: 1 }, name: 'status_nextAttemptAt' },
      { key: { leaseOwner: 1, status: 1 }, name: 'leaseOwner_status' },
      { key: { applicationId: 1 }, name: 'applicationId' },
    ]);
  }

  async enqueue(messages: OutboxMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    try {
      const result = await this.col.insertMany(messages, { ordered: false });
      return result.insertedCount;
    } catch (e) {
      // Unordered: every new id is inserted even when others already exist, which is the point.
      if (e instanceof MongoBulkWriteError && isDuplicateKey(e)) return e.insertedCount;
      throw mapMongoError(e);
    }
  }

  async claimNext(owner: string, now: Date, leaseUntil: Date): Promise<OutboxMessage | null> {
    return (await this.claimBatch(owner, now, leaseUntil, 1))[0] ?? null;
  }

  /**
   * Claims up to `limit` due messages in five requests however many there are: the candidates, their
   * lease generations, the next generations (one insert each, in one request: the unique index lets
   * exactly one claimer write each), the lease mirrored on the messages, and the messages read back.
   */
  async claimBatch(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]> {
    // What this process holds is not a candidate, whether or not its lease mirror has landed yet.
    for (const [id, until] of this.held) if (until <= now.getTime()) this.held.delete(id);
    const tried: string[] = [...this.held.keys()];
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      const candidates = await guard(() =>
        this.col
          .find({
            ...(tried.length > 0 ? { _id: { $nin: tried } } : {}),
            status: 'pending',
            nextAttemptAt: { $lte: now },
            $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: now } }],
          })
          .sort({ nextAttemptAt: 1, createdAt: 1 })
          .limit(limit)
          .project<{ _id: string }>({ _id: 1 })
          .toArray(),
      );
      if (candidates.length === 0) return [];
      const ids = candidates.map((c) => c._id);
      tried.push(...ids);
      const claimed = await this.takeLeases(ids, owner, now, leaseUntil);
      if (claimed.length > 0) return this.readClaimed(claimed, owner, leaseUntil);
      // Every candidate was somebody else's: look past them (another worker got there first).
    }
    return [];
  }

  private async takeLeases(ids: string[], owner: string, now: Date, leaseUntil: Date): Promise<string[]> {
    const latest = await this.leases.latestOf(ids);
    const free = ids.filter((id) => {
      const l = latest.get(id);
      return !(l && l.owner !== '' && l.until.getTime() > now.getTime());
    });
    const won = await this.leases.putMany(
      free.map((id) => ({ name: id, k: (latest.get(id)?.k ?? 0) + 1, fields: { owner, until: leaseUntil } })),
    );
    return free.filter((_, i) => won[i]);
  }

  /**
   * The claimed messages, read back. Their lease is mirrored onto them (for other instances'
   * candidate queries) beside the delivery rather than before it: FerretDB writes an updateMany one
   * document at a time, and under load 100 of them took longer than the operation timeout. The
   * lease generations decide who holds a message; a finish waits for its message's mirror first.
   */
  private async readClaimed(ids: string[], owner: string, leaseUntil: Date): Promise<OutboxMessage[]> {
    const mirror = guard(() =>
      this.col.updateMany({ _id: { $in: ids } }, { $set: { leaseOwner: owner, leaseUntil } }),
    ).catch(() => undefined);
    for (const id of ids) {
      this.mirroring.set(id, mirror);
      this.held.set(id, leaseUntil.getTime());
    }
    void mirror.then(() => {
      for (const id of ids) if (this.mirroring.get(id) === mirror) this.mirroring.delete(id);
    });
    const docs = await guard(() => this.col.find({ _id: { $in: ids } }).toArray());
    // A previous holder may have finished one between our query and our claim: not ours to send.
    const done = docs.filter((d) => d.status !== 'pending').map((d) => d._id);
    for (const id of done) this.held.delete(id);
    if (done.length > 0) await this.leases.removeAll(done);
    return docs
      .filter((d) => d.status === 'pending')
      .sort(
        (a, b) =>
          a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() ||
          a.createdAt.getTime() - b.createdAt.getTime(),
      )
      .map((d) => toMessage({ ...d, leaseOwner: owner, leaseUntil }));
  }

  async markSent(id: string, owner: string, at: Date, activityId: string | undefined): Promise<void> {
    await this.finish(id, owner, { status: 'sent', sentAt: at, ...(activityId ? { activityId } : {}) }, true);
  }

  async markRetry(id: string, owner: string, nextAttemptAt: Date, error: string): Promise<void> {
    await this.finish(id, owner, { nextAttemptAt, lastError: error }, false);
  }

  async markFailed(id: string, owner: string, error: string): Promise<void> {
    await this.finish(id, owner, { status: 'failed', lastError: error }, true);
  }

  async heldCards(applicationId: string): Promise<OutboxMessage[]> {
    const docs = await guard(() =>
      this.col
        .find({
          applicationId,
          status: 'sent',
          'target.kind': 'person',
          cardRef: { $exists: true },
          activityId: { $exists: true },
          updateOf: { $exists: false },
        })
        .limit(500)
        .toArray(),
    );
    return docs.map(toMessage);
  }

  async defer(id: string, owner: string, nextAttemptAt: Date): Promise<void> {
    await this.finish(id, owner, { nextAttemptAt }, false, false);
  }

  async overdue(dueBefore: Date): Promise<{ count: number; oldestDueAt?: Date }> {
    const filter = { status: 'pending' as const, nextAttemptAt: { $lte: dueBefore } };
    const oldest = await guard(() =>
      this.col
        .find(filter)
        .sort({ nextAttemptAt: 1 })
        .limit(1)
        .project<{ nextAttemptAt: Date }>({ nextAttemptAt: 1 })
        .toArray(),
    );
    if (oldest.length === 0) return { count: 0 };
    const count = await guard(() => this.col.countDocuments(filter));
    return { count, oldestDueAt: oldest[0]!.nextAttemptAt };
  }

  async releaseAll(owner: string): Promise<number> {
    await Promise.all(this.mirroring.values());
    const held = await guard(() =>
      this.col.find({ leaseOwner: owner, status: 'pending' }).project<{ _id: string }>({ _id: 1 }).toArray(),
    );
    let released = 0;
    for (const { _id } of held) {
      if (!(await this.giveBack(_id, owner))) continue;
      await guard(() => this.col.updateOne({ _id }, { $unset: LEASE_FIELDS }));
      this.held.delete(_id);
      released++;
    }
    return released;
  }

  /**
   * Ends `owner`'s lease by writing the next lease generation as "released": if somebody took the
   * message over since, that write clashes and the stale holder changes nothing.
   */
  private async giveBack(id: string, owner: string): Promise<boolean> {
    const latest = await this.leases.latest(id);
    if (!latest || latest.owner !== owner) return false;
    if (!(await this.leases.put(id, latest.k + 1, RELEASED))) return false;
    await this.leases.prune(id, latest.k + 1);
    return true;
  }

  private finish(
    id: string,
    owner: string,
    set: Partial<OutboxMessage>,
    final: boolean,
    attempted = true,
  ): Promise<void> {
    return this.finishing.add({ id, owner, set, final, attempted });
  }

  /**
   * Finishes a group of messages in four requests: their lease generations; the next generation of
   * each still held by its finisher, written as released (a clash means somebody else holds it now,
   * and that finisher changes nothing); the messages' updates; and the generations of those done for
   * good removed, the others' old ones pruned.
   */
  private async finishGroup(items: Finish[]): Promise<void[]> {
    await Promise.all(items.map((f) => this.mirroring.get(f.id)));
    const latest = await this.leases.latestOf([...new Set(items.map((f) => f.id))]);
    const held = items.filter((f) => latest.get(f.id)?.owner === f.owner);
    const released = await this.leases.putMany(
      held.map((f) => ({ name: f.id, k: latest.get(f.id)!.k + 1, fields: RELEASED })),
    );
    const mine = held.filter((_, i) => released[i]);
    for (const f of mine) this.held.delete(f.id);
    if (mine.length === 0) return items.map(() => undefined);
    await guard(() =>
      this.col.bulkWrite(
        mine.map((f) => ({
          updateOne: {
            filter: { _id: f.id },
            update: f.attempted
              ? { $set: f.set, $inc: { attempts: 1 }, $unset: LEASE_FIELDS }
              : { $set: f.set, $unset: LEASE_FIELDS },
          },
        })),
        { ordered: false },
      ),
    );
    await Promise.all([
      this.leases.removeAll(mine.filter((f) => f.final).map((f) => f.id)),
      this.leases.pruneMany(mine.filter((f) => !f.final).map((f) => f.id)),
    ]);
    return items.map(() => undefined);
  }

  async listFailed(limit: number): Promise<OutboxMessage[]> {
    const docs = await guard(() =>
      this.col.find({ status: 'failed' }).sort({ createdAt: 1 }).limit(limit).toArray(),
    );
    return docs.map(toMessage);
  }

  async get(id: string): Promise<OutboxMessage | null> {
    const doc = await guard(() => this.col.findOne({ _id: id }));
    return doc ? toMessage(doc) : null;
  }

  async threadActivity(threadKey: string): Promise<{ activityId: string; target: OutboxTarget } | null> {
    const doc = await guard(() => this.threads.findOne({ _id: threadKey }));
    return doc ? { activityId: doc.activityId, target: doc.target } : null;
  }

  async saveThreadActivity(threadKey: string, target: OutboxTarget, activityId: string): Promise<void> {
    try {
      // First delivery wins: later messages in the thread update that post rather than replace it.
      await this.threads.insertOne({ _id: threadKey, activityId, target, at: new Date() });
    } catch (e) {
      if (!isDuplicateKey(e)) throw mapMongoError(e);
    }
  }

  async countByStatus(): Promise<Record<OutboxMessage['status'], number>> {
    const [pending, sent, failed] = await Promise.all(
      (['pending', 'sent', 'failed'] as const).map((status) =>
        guard(() => this.col.countDocuments({ status })),
      ),
    );
    return { pending: pending ?? 0, sent: sent ?? 0, failed: failed ?? 0 };
  }
}
