import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MONGO_CLIENT_OPTIONS, MongoStore } from '../../services/store/mongo/mongoStore';
import { CommandLog } from './commandLog';

/**
 * Where the MongoDB-backed tests get a database. MONGODB_URI wins (CI starts FerretDB and sets it);
 * otherwise mongodb-memory-server is used if somebody installed it; otherwise the tests skip locally
 * and FAIL in CI, where a missing database must never pass as a skip.
 */

interface MemoryServer {
  getUri(): string;
  stop(): Promise<unknown>;
}

let memoryServer: MemoryServer | undefined;

export const NO_DATABASE_MESSAGE =
  'MongoDB tests skipped: set MONGODB_URI (e.g. mongodb://127.0.0.1:27217/) to run them against a real database';

async function startMemoryServer(): Promise<string | undefined> {
  if (memoryServer) return memoryServer.getUri();
  let mod: { MongoMemoryServer?: { create(): Promise<MemoryServer> } };
  try {
    // Optional: not a dependency of the project, so it is looked up at run time only.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require('mongodb-memory-server') as typeof mod;
  } catch {
    return undefined;
  }
  if (!mod.MongoMemoryServer) return undefined;
  memoryServer = await mod.MongoMemoryServer.create();
  return memoryServer.getUri();
}

export async function getTestMongoUri(): Promise<string | undefined> {
  const fromEnv = process.env.MONGODB_URI?.trim();
  if (fromEnv) return fromEnv;
  const fromMemoryServer = await startMemoryServer();
  if (fromMemoryServer) return fromMemoryServer;
  if (process.env.CI === 'true') {
    throw new Error('CI=true but no database: set MONGODB_URI; MongoDB tests must run in CI, never skip');
  }
  return undefined;
}

export function uniqueDbName(prefix = 'tautoko_test'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/**
 * One client per suite and a fresh, uniquely named database per `open()`, dropped by `dropAll()`,
 * so tests never see each other's data and a run leaves nothing behind.
 */
export class TestMongo {
  private readonly dbNames: string[] = [];
  /** Every command the client sent (command monitoring): round-trip counts and query shapes. */
  readonly commands = new CommandLog();

  private constructor(
    readonly uri: string,
    readonly client: MongoClient,
  ) {}

  static async connect(uri: string): Promise<TestMongo> {
    // Patient where production is quick to give up: a shared test server under load may take a
    // few seconds to answer, and a test should then wait rather than fail.
    const client = new MongoClient(uri, {
      ...MONGO_CLIENT_OPTIONS,
      serverSelectionTimeoutMS: 15_000,
      connectTimeoutMS: 15_000,
      monitorCommands: true,
    });
    await client.connect();
    const mongo = new TestMongo(uri, client);
    mongo.commands.attach(client);
    return mongo;
  }

  /** A MongoStore on a new empty database with every index in place. */
  async open(): Promise<MongoStore> {
    const name = uniqueDbName();
    this.dbNames.push(name);
    const store = new MongoStore(this.client, this.client.db(name));
    await store.ensureIndexes();
    return store;
  }

  /**
   * Empties every collection of a store opened here, keeping its indexes: far cheaper than a new
   * database per test, because FerretDB serialises creating collections and indexes.
   */
  async clean(store: MongoStore): Promise<void> {
    const collections = await store.db.listCollections({}, { nameOnly: true }).toArray();
    await Promise.all(collections.map((c) => store.db.collection(c.name).deleteMany({})));
  }

  newDbName(): string {
    const name = uniqueDbName();
    this.dbNames.push(name);
    return name;
  }

  async dropAll(): Promise<void> {
    const names = this.dbNames.splice(0);
    for (const name of names) await this.client.db(name).dropDatabase();
  }

  async close(): Promise<void> {
    await this.dropAll();
    await this.client.close();
    if (memoryServer) {
      await memoryServer.stop();
      memoryServer = undefined;
    }
  }
}

/** For a suite's `before`: a connected TestMongo, or a skip (locally) with the reason printed. */
export async function testMongoOrSkip(ctx: Mocha.Context): Promise<TestMongo> {
  const uri = await getTestMongoUri();
  if (!uri) {
    process.stderr.write(`${NO_DATABASE_MESSAGE}\n`);
    ctx.skip();
  }
  return TestMongo.connect(uri as string);
}
