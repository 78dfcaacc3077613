import assert from 'node:assert/strict';
import net from 'node:net';
import { MongoNetworkTimeoutError } from 'mongodb';
import { createStore } from '../../services/store/index';
import type { MongoStore } from '../../services/store/mongo/mongoStore';
import { UnavailableError } from '../../services/errors';
import { createLogger } from '../../services/logger';
import type { TestMongo } from '../helpers/db';
import { testMongoOrSkip } from '../helpers/db';

/**
 * A TCP stand-in between the bot and the real database that can stop answering on the connections
 * that carry operations: they stay open, bytes go in, nothing comes back — a database stuck on a
 * lock rather than down. The first connection (the driver's server monitor) keeps answering, so
 * the driver never notices on its own that anything is wrong.
 */
class HangingProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  hung = false;
  port = 0;
  private opened = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const monitor = ++this.opened === 1;
      const upstream = net.connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => this.sockets.delete(s));
      }
      const pass = () => monitor || !this.hung;
      client.on('data', (d) => pass() && upstream.write(d));
      upstream.on('data', (d) => pass() && client.write(d));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

describe('MongoDB operation deadline: a database that stops answering fails the operation', function () {
  this.timeout(60_000);
  let mongo: TestMongo;
  let proxy: HangingProxy;
  let store: MongoStore | undefined;

  before(async function () {
    mongo = await testMongoOrSkip(this);
    const url = new URL(mongo.uri);
    proxy = new HangingProxy(url.hostname, Number(url.port || 27017));
    await proxy.start();
  });
  after(async () => {
    await store?.close().catch(() => undefined);
    await proxy?.stop();
    await mongo?.close();
  });

  it('answers "not saved" when an operation gets no answer, instead of waiting without end', async () => {
    const logger = createLogger({ level: 'silent' });
    store = (await createStore(
      {
        mongodbUri: `mongodb://127.0.0.1:${proxy.port}/?directConnection=true`,
        dbName: mongo.newDbName(),
        operationTimeoutMs: 1500,
      },
      logger,
    )) as MongoStore;
    assert.equal(
      await store.applications.get('MIX-2026-00001'),
      null,
      'the database answers through the proxy',
    );
    proxy.hung = true;
    const error = await store.applications.get('MIX-2026-00002').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof UnavailableError, `got ${String(error)}`);
    assert.ok(
      (error as { cause?: unknown }).cause instanceof MongoNetworkTimeoutError,
      `the cause is the operation's own deadline: ${String((error as { cause?: unknown }).cause)}`,
    );
  });
});
