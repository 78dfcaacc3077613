import { MongoBulkWriteError } from 'mongodb';
import type { Collection, Db, Filter, OptionalUnlessRequiredId } from 'mongodb';
import { DuplicateError } from '../types';
import { guard, mapMongoError } from './errors';

/**
 * A named value kept as a sequence of generations: `{ name, k }` is unique, and the highest k is
 * the current value. Moving to the next generation is an insert, so of several writers who read
 * generation k exactly one can write k + 1 — a compare-and-swap built on a unique index alone.
 *
 * Why not findOneAndUpdate or a filtered update: FerretDB 1.24 (on PostgreSQL as on SQLite) evaluates
 * the filter and then writes by _id in a separate step, so two concurrent `$inc`s or two updates
 * conditioned on the same version can both land (30 concurrent `$inc`s on one document kept 6). Inserts against a unique index are atomic on every backend.
 */
export type Generation<F> = F & { _id: string; name: string; k: number; writtenAt: Date };

/**
 * Old generations are dropped only once no writer can still be acting on them: a writer who read
 * generation 4 and wakes up after generation 4 was deleted must clash on 5, not quietly write it.
 */
const KEEP_MS = 10 * 60_000;

export class GenerationRegister<F extends object> {
  readonly col: Collection<Generation<F>>;

  constructor(db: Db, collection: string) {
    this.col = db.collection<Generation<F>>(collection);
  }

  async ensureIndexes(): Promise<void> {
    await guard(() => this.col.createIndex({ name: 1, k: -1 }, { name: 'name_k', unique: true }));
  }

  async latest(name: string): Promise<Generation<F> | null> {
    return guard(() =>
      this.col.findOne({ name } as Filter<Generation<F>>, { sort: { k: -1 } }),
    ) as Promise<Generation<F> | null>;
  }

  /** Latest generation of each name asked for. */
  async latestOf(names: string[]): Promise<Map<string, Generation<F>>> {
    const docs = (await guard(() =>
      this.col
        .find({ name: { $in: names } } as Filter<Generation<F>>)
        .sort({ name: 1, k: -1 })
        .toArray(),
    )) as Generation<F>[];
    const out = new Map<string, Generation<F>>();
    for (const d of docs) if (!out.has(d.name)) out.set(d.name, d);
    return out;
  }

  /** Writes generation `k`; false when somebody else wrote it first. */
  async put(name: string, k: number, fields: F): Promise<boolean> {
    const doc = {
      ...fields,
      _id: JSON.stringify([name, k]),
      name,
      k,
      writtenAt: new Date(),
    } as OptionalUnlessRequiredId<Generation<F>>;
    try {
      await guard(() => this.col.insertOne(doc));
      return true;
    } catch (e) {
      if (e instanceof DuplicateError) return false;
      throw e;
    }
  }

  /**
   * Writes several names' next generations in one request: for each, true when it was written,
   * false when somebody else wrote that generation first (each insert stands or falls alone).
   */
  async putMany(entries: Array<{ name: string; k: number; fields: F }>): Promise<boolean[]> {
    if (entries.length === 0) return [];
    const at = new Date();
    const docs = entries.map(
      (e) =>
        ({
          ...e.fields,
          _id: JSON.stringify([e.name, e.k]),
          name: e.name,
          k: e.k,
          writtenAt: at,
        }) as OptionalUnlessRequiredId<Generation<F>>,
    );
    const written = entries.map(() => true);
    try {
      await this.col.insertMany(docs, { ordered: false });
    } catch (e) {
      if (!(e instanceof MongoBulkWriteError)) throw mapMongoError(e);
      const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
      for (const w of errors) {
        if (w.code !== 11000) throw mapMongoError(e);
        written[w.index] = false;
      }
    }
    return written;
  }

  /** Drops generations older than `k` written long enough ago; the current one is never touched. */
  async prune(name: string, k: number): Promise<void> {
    const before = new Date(Date.now() - KEEP_MS);
    await guard(() =>
      this.col.deleteMany({ name, k: { $lt: k }, writtenAt: { $lt: before } } as Filter<Generation<F>>),
    );
  }

  /**
   * `prune` for several names at once: every generation written long enough ago goes, which never
   * includes one just written (the current generation of a name whose latest was written now).
   */
  async pruneMany(names: string[]): Promise<void> {
    if (names.length === 0) return;
    const before = new Date(Date.now() - KEEP_MS);
    await guard(() =>
      this.col.deleteMany({ name: { $in: names }, writtenAt: { $lt: before } } as Filter<Generation<F>>),
    );
  }

  async removeAll(names: string[]): Promise<void> {
    if (names.length === 0) return;
    await guard(() => this.col.deleteMany({ name: { $in: names } } as Filter<Generation<F>>));
  }
}

/** A short random pause so that writers who clashed do not clash again in lockstep. */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
