import type { Collection, Db } from 'mongodb';
import type { ApplicationDoc, ApplicationRepository, WorkflowKind } from '../types';
import { guard } from './errors';

/** The snapshot of each application; `version` guards every replace. */
export class MongoApplications implements ApplicationRepository {
  private readonly col: Collection<ApplicationDoc>;

  constructor(db: Db) {
    this.col = db.collection<ApplicationDoc>('applications');
  }

  async ensureIndexes(): Promise<void> {
    await guard(() =>
      this.col.createIndexes([
        { key: { taskKeys: 1, updatedAt: -1 }, name: 'taskKeys_updatedAt' },
        { key: { prisonerId: 1, updatedAt: -1 }, name: 'prisoner_updatedAt' },
        { key: { kind: 1, dedupeKey: 1, closed: 1 }, name: 'kind_dedupeKey_closed' },
        { key: { closed: 1, 'openTasks.dueAt': 1 }, name: 'closed_taskDueAt' },
      ]),
    );
  }

  async insert(doc: ApplicationDoc): Promise<void> {
    await guard(() => this.col.insertOne(doc));
  }

  async get(id: string): Promise<ApplicationDoc | null> {
    return guard(() => this.col.findOne({ _id: id }));
  }

  async replaceIfVersion(doc: ApplicationDoc, expectedVersion: number): Promise<boolean> {
    const result = await guard(() => this.col.replaceOne({ _id: doc._id, version: expectedVersion }, doc));
    return result.matchedCount === 1;
  }

  async findByTaskKeys(keys: string[], limit: number): Promise<ApplicationDoc[]> {
    if (keys.length === 0) return [];
    return guard(() =>
      this.col
        .find({ taskKeys: { $in: keys }, closed: false })
        .sort({ updatedAt: -1 })
        .limit(limit)
        .toArray(),
    );
  }

  async findByPrisoner(prisonerId: string, limit: number): Promise<ApplicationDoc[]> {
    return guard(() => this.col.find({ prisonerId }).sort({ updatedAt: -1 }).limit(limit).toArray());
  }

  async findOpenByDedupeKey(kind: WorkflowKind, dedupeKey: string): Promise<ApplicationDoc | null> {
    return guard(() => this.col.findOne({ kind, dedupeKey, closed: false }, { sort: { updatedAt: -1 } }));
  }

  async findOpenWithTaskDueBefore(before: Date, limit: number): Promise<ApplicationDoc[]> {
    return guard(() =>
      this.col
        .find({ closed: false, 'openTasks.dueAt': { $lte: before } })
        .sort({ updatedAt: -1 })
        .limit(limit)
        .toArray(),
    );
  }

  async setNotifiedThrough(id: string, seq: number): Promise<void> {
    // The filter makes it monotonic: a slow writer can never move the mark backwards.
    await guard(() =>
      this.col.updateOne({ _id: id, notifiedThrough: { $lt: seq } }, { $set: { notifiedThrough: seq } }),
    );
  }

  async count(): Promise<number> {
    return guard(() => this.col.countDocuments({}));
  }
}
