import { randomUUID } from 'node:crypto';
import { MongoBulkWriteError } from 'mongodb';
import type { Collection, Db } from 'mongodb';
import { DuplicateError } from '../types';
import type { EventRepository } from '../types';
import type { AuditEvent } from '../../workflow/domain';
import { ensureIndexes, guard, isDuplicateKey, mapMongoError } from './errors';

/**
 * Each stored event also names the batch it was appended in and that batch's last seq. Without
 * transactions a batch lands one document at a time, so a reader only sees a batch once its last
 * event is in: nobody can decide on top of half a decision. A batch abandoned half-written (a writer
 * that lost a race part-way, or a server that died mid-insert) is removed rather than left to block
 * the application.
 */
interface StoredEvent extends AuditEvent {
  batchId?: string;
  batchLast?: number;
  writtenAt?: Date;
}

/** A half-written batch older than this belongs to a writer that is not coming back. */
const ABANDONED_AFTER_MS = 60_000;

function toEvent(doc: StoredEvent): AuditEvent {
  const event: AuditEvent & Partial<Pick<StoredEvent, 'batchId' | 'batchLast' | 'writtenAt'>> = { ...doc };
  delete event.batchId;
  delete event.batchLast;
  delete event.writtenAt;
  return event;
}

export class MongoEvents implements EventRepository {
  readonly col: Collection<StoredEvent>;

  constructor(db: Db) {
    this.col = db.collection<StoredEvent>('events');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.col, [
      { key: { applicationId: 1, seq: 1 }, name: 'applicationId_seq', unique: true },
      { key: { applicationId: 1, batchId: 1 }, name: 'applicationId_batch' },
      { key: { at: 1 }, name: 'at' },
    ]);
  }

  async append(events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.insertBatch(events);
    } catch (e) {
      if (!(e instanceof DuplicateError) || !(await this.removeAbandonedAt(events))) throw e;
      await this.insertBatch(events);
    }
  }

  async since(after: Date, limit: number): Promise<Array<{ applicationId: string; seq: number; at: Date }>> {
    const docs = await guard(() =>
      this.col
        .find({ at: { $gt: after } })
        .sort({ at: 1 })
        .limit(limit)
        .project<{ applicationId: string; seq: number; at: Date }>({
          _id: 0,
          applicationId: 1,
          seq: 1,
          at: 1,
        })
        .toArray(),
    );
    return docs;
  }

  async list(applicationId: string, fromSeq = 1): Promise<AuditEvent[]> {
    const docs = await guard(() =>
      this.col
        .find({ applicationId, seq: { $gte: fromSeq } })
        .sort({ seq: 1 })
        .toArray(),
    );
    const present = new Set(docs.map((d) => `${d.seq}|${d.batchId ?? ''}`));
    const visible: AuditEvent[] = [];
    for (const d of docs) {
      const complete = d.batchLast === undefined || present.has(`${d.batchLast}|${d.batchId ?? ''}`);
      // Nothing after an unfinished batch can be genuine: every writer builds on what it read.
      if (!complete) break;
      visible.push(toEvent(d));
    }
    return visible;
  }

  async hasEvent(eventId: string): Promise<boolean> {
    // By _id: a point look-up on every backend.
    const doc = await guard(() => this.col.findOne({ _id: eventId }, { projection: { _id: 1 } }));
    return doc !== null;
  }

  async applicationIds(): Promise<string[]> {
    const ids = await guard(() => this.col.distinct('applicationId'));
    return ids.map(String).sort();
  }

  private async insertBatch(events: AuditEvent[]): Promise<void> {
    const batchId = randomUUID();
    const batchLast = Math.max(...events.map((e) => e.seq));
    const writtenAt = new Date();
    const docs: StoredEvent[] = events.map((e) => ({ ...e, batchId, batchLast, writtenAt }));
    try {
      await this.col.insertMany(docs, { ordered: true });
    } catch (e) {
      if (e instanceof MongoBulkWriteError && e.insertedCount > 0) {
        // Our batch is invisible to readers (its last event is missing); take it back out.
        const ids = Object.values(e.insertedIds).map(String);
        await guard(() => this.col.deleteMany({ _id: { $in: ids }, batchId }));
      }
      if (isDuplicateKey(e))
        throw new DuplicateError(`an event of ${events[0]?.applicationId} exists already`);
      throw mapMongoError(e);
    }
  }

  /** True when the clash was with a batch abandoned half-written, which is now removed. */
  private async removeAbandonedAt(events: AuditEvent[]): Promise<boolean> {
    const first = events[0];
    if (!first) return false;
    const clash = await guard(() =>
      this.col.findOne(
        { applicationId: first.applicationId, seq: { $in: events.map((e) => e.seq) } },
        { sort: { seq: 1 } },
      ),
    );
    if (!clash || clash.batchId === undefined || clash.batchLast === undefined || !clash.writtenAt)
      return false;
    if (Date.now() - clash.writtenAt.getTime() < ABANDONED_AFTER_MS) return false;
    const last = await guard(() =>
      this.col.findOne({ applicationId: first.applicationId, seq: clash.batchLast, batchId: clash.batchId }),
    );
    if (last) return false;
    await guard(() => this.col.deleteMany({ applicationId: first.applicationId, batchId: clash.batchId }));
    return true;
  }
}
