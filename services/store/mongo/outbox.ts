import { MongoBulkWriteError } from 'mongodb';
import type { Collection, Db } from 'mongodb';
import type { OutboxMessage, OutboxRepository, OutboxTarget } from '../types';
import { guard, isDuplicateKey, mapMongoError } from './errors';

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

export class MongoOutbox implements OutboxRepository {
  private readonly col: Collection<OutboxMessage>;
  private readonly threads: Collection<ThreadDoc>;

  constructor(db: Db) {
    this.col = db.collection<OutboxMessage>('outbox');
    this.threads = db.collection<ThreadDoc>('outbox_threads');
  }

  async ensureIndexes(): Promise<void> {
    await guard(() =>
      this.col.createIndexes([
        { key: { status: 1, nextAttemptAt: 1 }, name: 'status_nextAttemptAt' },
        { key: { leaseOwner: 1, status: 1 }, name: 'leaseOwner_status' },
        { key: { applicationId: 1 }, name: 'applicationId' },
      ]),
    );
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
    const doc = await guard(() =>
      this.col.findOneAndUpdate(
        {
          status: 'pending',
          nextAttemptAt: { $lte: now },
          $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: now } }],
        },
        { $set: { leaseOwner: owner, leaseUntil } },
        { sort: { nextAttemptAt: 1, createdAt: 1 }, returnDocument: 'after' },
      ),
    );
    return doc ? toMessage(doc) : null;
  }

  async markSent(id: string, owner: string, at: Date, activityId: string | undefined): Promise<void> {
    await guard(() =>
      this.col.updateOne(
        { _id: id, leaseOwner: owner },
        {
          $set: { status: 'sent', sentAt: at, ...(activityId ? { activityId } : {}) },
          $inc: { attempts: 1 },
          $unset: LEASE_FIELDS,
        },
      ),
    );
  }

  async markRetry(id: string, owner: string, nextAttemptAt: Date, error: string): Promise<void> {
    await guard(() =>
      this.col.updateOne(
        { _id: id, leaseOwner: owner },
        { $set: { nextAttemptAt, lastError: error }, $inc: { attempts: 1 }, $unset: LEASE_FIELDS },
      ),
    );
  }

  async markFailed(id: string, owner: string, error: string): Promise<void> {
    await guard(() =>
      this.col.updateOne(
        { _id: id, leaseOwner: owner },
        { $set: { status: 'failed', lastError: error }, $inc: { attempts: 1 }, $unset: LEASE_FIELDS },
      ),
    );
  }

  async releaseAll(owner: string): Promise<number> {
    const result = await guard(() =>
      this.col.updateMany({ leaseOwner: owner, status: 'pending' }, { $unset: LEASE_FIELDS }),
    );
    return result.modifiedCount;
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
      await this.threads.updateOne(
        { _id: threadKey },
        { $setOnInsert: { activityId, target, at: new Date() } },
        { upsert: true },
      );
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
