import { MongoClient } from 'mongodb';
import type { Db, MongoClientOptions } from 'mongodb';
import type { Logger } from 'pino';
import { UnavailableError } from '../../errors';
import type { Store } from '../types';
import { MongoApplications } from './applications';
import { guard } from './errors';
import { MongoDelegations } from './delegations';
import { MongoEvents } from './events';
import { MongoOutbox } from './outbox';
import { MongoPeople } from './people';
import { MongoClaims, MongoConversations, MongoCounters, MongoLeases, MongoState } from './small';

/** How long /readyz and a user's click wait for an unreachable database before giving up. */
export const SERVER_SELECTION_TIMEOUT_MS = 2000;
const PING_TIMEOUT_MS = 3000;

export const MONGO_CLIENT_OPTIONS: MongoClientOptions = {
  appName: 'tautoko',
  serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
  connectTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
  // Capped well below what FerretDB may open to PostgreSQL (.ci/db.sh: pool_max_conns 400 against
  // max_connections 500): FerretDB can hold more than one PostgreSQL connection per operation, and
  // with its pool exhausted it deadlocked (even `ping` went unanswered). 50 per process leaves room
  // for four processes at two connections an operation; a turn waits for a connection instead.
  maxPoolSize: 50,
  // Optional fields left undefined must be absent in the database, as they are in memory, not null.
  ignoreUndefined: true,
};

/**
 * The production store. Uses only what MongoDB and FerretDB 1.24 share: single-document atomic
 * updates, findOneAndUpdate, unique and compound indexes. No transactions, change streams or
 * partial indexes, so the same code runs against either.
 */
export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  readonly applications: MongoApplications;
  readonly events: MongoEvents;
  readonly people: MongoPeople;
  readonly conversations: MongoConversations;
  readonly outbox: MongoOutbox;
  readonly counters: MongoCounters;
  readonly claims: MongoClaims;
  readonly leases: MongoLeases;
  readonly state: MongoState;
  readonly delegations: MongoDelegations;

  constructor(
    private readonly client: MongoClient,
    readonly db: Db,
  ) {
    this.applications = new MongoApplications(db);
    this.events = new MongoEvents(db);
    this.people = new MongoPeople(db);
    this.conversations = new MongoConversations(db);
    this.outbox = new MongoOutbox(db);
    this.counters = new MongoCounters(db);
    this.claims = new MongoClaims(db);
    this.leases = new MongoLeases(db);
    this.state = new MongoState(db);
    this.delegations = new MongoDelegations(db, () => this.people.changed());
  }

  /** Creates every index the queries rely on; safe to run at each start-up. */
  async ensureIndexes(): Promise<void> {
    await this.applications.ensureIndexes();
    await this.events.ensureIndexes();
    await this.people.ensureIndexes();
    await this.outbox.ensureIndexes();
    await this.delegations.ensureIndexes();
    for (const r of [
      this.counters.register,
      this.claims.register,
      this.leases.register,
      this.state.register,
    ]) {
      await r.ensureIndexes();
    }
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UnavailableError(new Error('ping timed out'))), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([guard(() => this.db.command({ ping: 1 })), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** Connects, checks the database answers, and ensures indexes. Throws UnavailableError when it cannot. */
/**
 * `operationTimeoutMs` bounds each database operation, so a database that stops answering fails a
 * turn ("not saved, please try again") instead of holding it without end. Driver 7 removed the
 * client-side operation timeout (`timeoutMS` now has no effect and warns), so the deadline is the
 * socket's: no answer on a connection for this long ends the operation (`socketTimeoutMS`). Finding
 * a server and opening a connection have their own (SERVER_SELECTION_TIMEOUT_MS).
 */
export async function connectMongoStore(
  uri: string,
  dbName: string,
  logger: Logger,
  operationTimeoutMs?: number,
): Promise<MongoStore> {
  const client = new MongoClient(uri, {
    ...MONGO_CLIENT_OPTIONS,
    ...(operationTimeoutMs ? { socketTimeoutMS: operationTimeoutMs } : {}),
  });
  try {
    await guard(() => client.connect());
    const store = new MongoStore(client, client.db(dbName));
    await store.ensureIndexes();
    logger.info({ db: dbName }, 'connected to the database');
    return store;
  } catch (e) {
    await client.close().catch(() => undefined);
    throw e;
  }
}
