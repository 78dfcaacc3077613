import type { CommandStartedEvent, Document, MongoClient } from 'mongodb';

/**
 * What a MongoClient sent, seen through the driver's command monitoring (the client must be created
 * with `monitorCommands: true`): how many requests, and the shape of each query, so tests can hold
 * round trips to a budget and check every query against the indexes. Heartbeats are not commands
 * and are not counted; `getMore` and `killCursors` are, as they are round trips too.
 */
export interface QueryShape {
  command: string;
  collection: string;
  /** The filter with every value replaced by its operator: `{ gen: 'eq', roleKeys: '$in' }`. */
  filter: Document;
  sort?: Document;
}

/** Commands that read or write a collection by a filter; everything else carries no query shape. */
const FILTER_OF: Record<string, (cmd: Document) => Array<{ filter: Document; sort?: Document }>> = {
  find: (c) => [{ filter: (c.filter as Document) ?? {}, ...(c.sort ? { sort: c.sort as Document } : {}) }],
  count: (c) => [{ filter: (c.query as Document) ?? {} }],
  distinct: (c) => [{ filter: (c.query as Document) ?? {} }],
  findAndModify: (c) => [
    { filter: (c.query as Document) ?? {}, ...(c.sort ? { sort: c.sort as Document } : {}) },
  ],
  update: (c) => ((c.updates as Document[]) ?? []).map((u) => ({ filter: (u.q as Document) ?? {} })),
  delete: (c) => ((c.deletes as Document[]) ?? []).map((d) => ({ filter: (d.q as Document) ?? {} })),
  aggregate: (c) => {
    const first = ((c.pipeline as Document[]) ?? [])[0];
    return [{ filter: (first?.$match as Document) ?? {} }];
  },
};

/** Replaces values by what kind of predicate they are, keeping operators and field names. */
export function shapeOf(filter: Document): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$or' || key === '$and' || key === '$nor') {
      out[key] = (value as Document[]).map(shapeOf);
    } else if (isOperatorObject(value)) {
      out[key] = Object.keys(value as Document)
        .sort()
        .join(',');
    } else {
      out[key] = 'eq';
    }
  }
  return out;
}

function isOperatorObject(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Date) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

export class CommandLog {
  private total = 0;
  private readonly names = new Map<string, number>();
  private readonly shapes = new Map<string, QueryShape>();
  private readonly listener = (e: CommandStartedEvent) => this.record(e);
  private recording = 0;

  /** Starts listening to a client made with `monitorCommands: true`. */
  attach(client: MongoClient): this {
    client.on('commandStarted', this.listener);
    return this;
  }

  detach(client: MongoClient): void {
    client.off('commandStarted', this.listener);
  }

  /** Requests sent so far; take the difference around a turn to count the turn's requests. */
  get count(): number {
    return this.total;
  }

  /** Requests by command name since the log began (`find: 3, insert: 1`). */
  byName(): Record<string, number> {
    return Object.fromEntries([...this.names.entries()].sort());
  }

  /**
   * Runs `work` with query shapes recorded (counts are always kept): the bot's turns and outbox
   * passes, not the queries a test makes itself to check or tidy up.
   */
  async during<T>(work: () => Promise<T>): Promise<T> {
    this.recording++;
    try {
      return await work();
    } finally {
      this.recording--;
    }
  }

  /** Every distinct query shape seen while recording. */
  queryShapes(): QueryShape[] {
    return [...this.shapes.values()];
  }

  private record(e: CommandStartedEvent): void {
    this.total++;
    this.names.set(e.commandName, (this.names.get(e.commandName) ?? 0) + 1);
    const extract = FILTER_OF[e.commandName];
    if (!extract || this.recording === 0) return;
    const collection = String(e.command[e.commandName]);
    for (const { filter, sort } of extract(e.command)) {
      // The driver sends a sort as a Map.
      const order = sort instanceof Map ? (Object.fromEntries(sort) as Document) : sort;
      const shape: QueryShape = {
        command: e.commandName,
        collection,
        filter: shapeOf(filter),
        ...(order && Object.keys(order).length > 0 ? { sort: order } : {}),
      };
      this.shapes.set(JSON.stringify(shape), shape);
    }
  }
}
