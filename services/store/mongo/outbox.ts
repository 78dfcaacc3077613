import { MongoBulkWriteError } from 'mongodb';
import type { Collection, Db } from 'mongodb';
import type { OutboxMessage, OutboxRepository, OutboxTarget } from '../types';
import { ensureIndexes, guard, isDuplicateKey, mapMongoError } from './errors';
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
const CLAIM_ROUNDS = 5;
const CANDIDATES_PER_ROUND = 10;

export class MongoOutbox implements OutboxRepository {
  private readonly col: Collection<OutboxMessage>;
  private readonly threads: Collection<ThreadDoc>;
  /**
   * Who holds each message, as generations (see GenerationRegister): the message's own
   * leaseOwner/leaseUntil only mirror it, because on FerretDB a filtered update is no compare-and-swap.
   */
  readonly leases: GenerationRegister<{ owner: string; until: Date }>;

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
    const tried: string[] = [];
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      const candidates = await guard(() =>
        this.col
          .find({
            _id: { $nin: tried },
            status: 'pending',
            nextAttemptAt: { $lte: now },
            $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: now } }],
          })
          .sort({ nextAttemptAt: 1, createdAt: 1 })
          .limit(CANDIDATES_PER_ROUND)
          .toArray(),
      );
      if (candidates.length === 0) return null;
      for (const candidate of candidates) {
        tried.push(candidate._id);
        const latest = await this.leases.latest(candidate._id);
        if (latest && latest.owner !== '' && latest.until.getTime() > now.getTime()) continue;
        const k = (latest?.k ?? 0) + 1;
        if (!(await this.leases.put(candidate._id, k, { owner, until: leaseUntil }))) continue;
        await this.leases.prune(candidate._id, k);
        await guard(() =>
          this.col.updateOne({ _id: candidate._id }, { $set: { leaseOwner: owner, leaseUntil } }),
        );
        const claimed = await guard(() => this.col.findOne({ _id: candidate._id }));
        // Its previous holder may have finished it between our query and our claim.
        if (claimed && claimed.status === 'pending') return toMessage(claimed);
      }
    }
    return null;
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
    const held = await guard(() =>
      this.col.find({ leaseOwner: owner, status: 'pending' }).project<{ _id: string }>({ _id: 1 }).toArray(),
    );
    let released = 0;
    for (const { _id } of held) {
      if (!(await this.giveBack(_id, owner))) continue;
      await guard(() => this.col.updateOne({ _id }, { $unset: LEASE_FIELDS }));
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

  private async finish(
    id: string,
    owner: string,
    set: Partial<OutboxMessage>,
    final: boolean,
    attempted = true,
  ): Promise<void> {
    if (!(await this.giveBack(id, owner))) return;
    await guard(() =>
      this.col.updateOne(
        { _id: id },
        attempted
          ? { $set: set, $inc: { attempts: 1 }, $unset: LEASE_FIELDS }
          : { $set: set, $unset: LEASE_FIELDS },
      ),
    );
    if (final) await this.leases.removeAll([id]);
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
