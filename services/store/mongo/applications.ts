import type { Collection, Db } from 'mongodb';
import { mongoFilterOf } from '../search';
import type { ApplicationSearch, SearchPage } from '../search';
import type { ApplicationRepository } from '../types';
import type { ApplicationDoc, WorkflowKind } from '../../workflow/domain';
import { ensureIndexes, guard } from './errors';
import { GenerationRegister } from './register';

/** A transition taken this long ago and still not written belongs to a writer that died. */
const ABANDONED_AFTER_MS = 15_000;

/** The snapshot of each application; `version` guards every replace. */
export class MongoApplications implements ApplicationRepository {
  private readonly col: Collection<ApplicationDoc>;
  /**
   * One generation per version an application has moved out of. FerretDB 1.24 does not apply a
   * filtered replace atomically, so the version check alone would let two writers both "win".
   */
  private readonly transitions: GenerationRegister<{ at: Date }>;

  constructor(db: Db) {
    this.col = db.collection<ApplicationDoc>('applications');
    this.transitions = new GenerationRegister(db, 'application_transitions');
  }

  async ensureIndexes(): Promise<void> {
    await this.transitions.ensureIndexes();
    await ensureIndexes(this.col, [
      { key: { taskKeys: 1, updatedAt: -1 }, name: 'taskKeys_updatedAt' },
      { key: { prisonerId: 1, updatedAt: -1 }, name: 'prisoner_updatedAt' },
      { key: { kind: 1, dedupeKey: 1, closed: 1 }, name: 'kind_dedupeKey_closed' },
      { key: { closed: 1, 'openTasks.dueAt': 1 }, name: 'closed_taskDueAt' },
    ]);
  }

  async insert(doc: ApplicationDoc): Promise<void> {
    await guard(() => this.col.insertOne(doc));
  }

  async get(id: string): Promise<ApplicationDoc | null> {
    return guard(() => this.col.findOne({ _id: id }));
  }

  async replaceIfVersion(doc: ApplicationDoc, expectedVersion: number): Promise<boolean> {
    // The move out of a version is taken first as a generation: of racers on one version one wins.
    if (!(await this.transitions.put(doc._id, expectedVersion, { at: new Date() }))) {
      if (!(await this.abandonedTransition(doc._id, expectedVersion))) return false;
    }
    const result = await guard(() => this.col.replaceOne({ _id: doc._id, version: expectedVersion }, doc));
    // Earlier transitions only take room: a writer still holding one of those versions is refused by
    // the version filter whether or not its transition is there. Tidied once, when the application
    // closes, rather than with a request in every change.
    if (result.matchedCount === 1 && doc.closed)
      await guard(() => this.transitions.col.deleteMany({ name: doc._id, k: { $lt: expectedVersion } }));
    return result.matchedCount === 1;
  }

  /**
   * A writer that took a version's transition and died before replacing the document would pin the
   * snapshot at that version for ever; after a while the next writer may take the move over.
   */
  private async abandonedTransition(id: string, version: number): Promise<boolean> {
    const token = await guard(() => this.transitions.col.findOne({ _id: JSON.stringify([id, version]) }));
    if (!token || Date.now() - token.at.getTime() < ABANDONED_AFTER_MS) return false;
    return (await guard(() => this.col.countDocuments({ _id: id, version }))) === 1;
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

  async findByKind(kind: WorkflowKind, limit: number): Promise<ApplicationDoc[]> {
    return guard(() => this.col.find({ kind }).sort({ updatedAt: -1 }).limit(limit).toArray());
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

  async search(query: ApplicationSearch): Promise<SearchPage> {
    const filter = mongoFilterOf(query);
    const [items, total] = await Promise.all([
      guard(() =>
        this.col.find(filter).sort({ updatedAt: -1, _id: -1 }).skip(query.skip).limit(query.limit).toArray(),
      ),
      guard(() => this.col.countDocuments(filter)),
    ]);
    return { items, total };
  }

  async count(): Promise<number> {
    return guard(() => this.col.countDocuments({}));
  }
}
