import type { Db, Document } from 'mongodb';
import type { QueryShape } from './commandLog';

/**
 * Would MongoDB answer a query from an index, or read the whole collection? FerretDB on PostgreSQL
 * uses no secondary index, so its plans cannot say; this applies MongoDB's planner rule instead:
 * an index can serve a query when the query constrains the index's first field with an operator
 * that gives index bounds (equality, `$in`, ranges). An `$or` needs every branch served (or another
 * served condition beside it). An empty filter is a collection scan unless its sort follows an
 * index. Operators whose bounds are the whole index (`$ne`, `$nin`, `$exists`, `$not`, `$regex`)
 * do not count: scanning a whole index is no better than scanning the collection.
 */
const BOUNDED = new Set(['eq', '$eq', '$in', '$gt', '$gte', '$lt', '$lte', '$all', '$elemMatch']);

type IndexKeys = string[][];

function bounded(op: unknown): boolean {
  return typeof op === 'string' && op.split(',').every((o) => BOUNDED.has(o));
}

/** True when an index of the collection serves this (shaped) filter. */
export function served(filter: Document, indexes: IndexKeys): boolean {
  const leading = new Set(indexes.map((k) => k[0]));
  for (const [field, op] of Object.entries(filter)) {
    if (field === '$or') {
      if ((op as Document[]).every((branch) => served(branch, indexes))) return true;
    } else if (field === '$and') {
      if ((op as Document[]).some((part) => served(part, indexes))) return true;
    } else if (leading.has(field) && bounded(op)) {
      return true;
    }
  }
  return false;
}

function sortServed(sort: Document | undefined, indexes: IndexKeys): boolean {
  const fields = sort ? Object.keys(sort) : [];
  return fields.length > 0 && indexes.some((k) => fields.every((f, i) => k[i] === f));
}

/** The collection's indexes, each as its list of key fields (`_id` always among them). */
async function indexesOf(db: Db, collection: string): Promise<IndexKeys> {
  const specs = await db
    .collection(collection)
    .listIndexes()
    .toArray()
    .catch(() => [] as Document[]);
  const keys = specs.map((s) => Object.keys(s.key as Document));
  return keys.some((k) => k[0] === '_id') ? keys : [['_id'], ...keys];
}

/** Every query shape MongoDB would answer with a collection scan, described for a failure message. */
export async function collectionScans(db: Db, shapes: QueryShape[]): Promise<string[]> {
  const cache = new Map<string, IndexKeys>();
  const scans: string[] = [];
  for (const shape of shapes) {
    let indexes = cache.get(shape.collection);
    if (!indexes) {
      indexes = await indexesOf(db, shape.collection);
      cache.set(shape.collection, indexes);
    }
    const empty = Object.keys(shape.filter).length === 0;
    const ok = empty ? sortServed(shape.sort, indexes) : served(shape.filter, indexes);
    if (!ok)
      scans.push(
        `${shape.command} ${shape.collection} ${JSON.stringify(shape.filter)}${shape.sort ? ` sort ${JSON.stringify(shape.sort)}` : ''} (indexes: ${indexes.map((k) => k.join('+')).join(', ')})`,
      );
  }
  return scans;
}

/**
 * For the end of an HTTP-level process test on MongoDB: every query shape its turns and outbox
 * passes sent (and there were some) is one an index serves.
 */
export async function assertNoCollectionScans(shapes: QueryShape[], db: Db): Promise<void> {
  if (shapes.length === 0)
    throw new Error('no query shapes were recorded: is the harness given the command log?');
  const scans = await collectionScans(db, shapes);
  if (scans.length > 0)
    throw new Error(
      `${scans.length} of ${shapes.length} query shapes would be collection scans on MongoDB:\n  ${scans.join('\n  ')}`,
    );
}
