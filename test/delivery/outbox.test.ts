import assert from 'node:assert/strict';
import { FixedClock } from '../../services/clock';
import { createLogger } from '../../services/logger';
import { DeliveryError } from '../../services/outbox/deliveryError';
import { SlidingWindowLimiter } from '../../services/outbox/rateLimiter';
import { OutboxWorker } from '../../services/outbox/worker';
import type { Delivery } from '../../services/outbox/worker';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { OutboxMessage, Store, StoredReference } from '../../services/store/types';

const T0 = new Date('2026-11-23T00:00:00Z');

function message(id: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    _id: id,
    target: { kind: 'person', aadObjectId: 'aad-1' },
    text: `message ${id}`,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: T0,
    createdAt: T0,
    ...overrides,
  };
}

class RecordingDelivery implements Delivery {
  readonly sent: Array<{ id: string; conversation: string }> = [];
  readonly updated: Array<{ id: string; activityId: string }> = [];
  failures: unknown[] = [];
  private n = 0;
  async send(reference: StoredReference, m: OutboxMessage): Promise<string> {
    const f = this.failures.shift();
    if (f) throw f;
    this.sent.push({ id: m._id, conversation: String((reference.conversation as { id: string }).id) });
    return `activity-${++this.n}`;
  }
  async update(_reference: StoredReference, activityId: string, m: OutboxMessage): Promise<void> {
    const f = this.failures.shift();
    if (f) throw f;
    this.updated.push({ id: m._id, activityId });
  }
}

const httpError = (statusCode: number, retryAfter?: string) =>
  new DeliveryError(`Teams answered HTTP ${statusCode}`, {
    statusCode,
    ...(retryAfter !== undefined ? { retryAfterSeconds: Number(retryAfter) } : {}),
  });

async function setup(): Promise<{
  store: Store;
  clock: FixedClock;
  delivery: RecordingDelivery;
  worker: OutboxWorker;
}> {
  const store = createMemoryStore();
  await store.conversations.savePersonal('aad-1', { conversation: { id: 'conv-1' } });
  await store.conversations.registerChannel(
    'entry-staff',
    'Site-A',
    { conversation: { id: 'channel-1' } },
    'aad-admin',
  );
  const clock = new FixedClock(T0);
  const delivery = new RecordingDelivery();
  const worker = new OutboxWorker(store, delivery, clock, createLogger({ level: 'silent' }), {
    pollMs: 10,
    maxAttempts: 4,
    baseBackoffMs: 1000,
  });
  return { store, clock, delivery, worker };
}

describe('outbox worker', () => {
  it('delivers due messages once and marks them sent', async () => {
    const { store, delivery, worker } = await setup();
    await store.outbox.enqueue([message('a'), message('b'), message('a')]);
    assert.equal(await worker.drain(), 2);
    assert.deepEqual(delivery.sent.map((s) => s.id).sort(), ['a', 'b']);
    assert.equal((await store.outbox.get('a'))?.status, 'sent');
    assert.equal(await worker.drain(), 0, 'nothing is sent twice');
  });

  it('retries a 429 no sooner than Retry-After, then delivers', async () => {
    const { store, clock, delivery, worker } = await setup();
    await store.outbox.enqueue([message('a')]);
    delivery.failures.push(httpError(429, '30'));
    await worker.drain();
    const after = (await store.outbox.get('a'))!;
    assert.equal(after.status, 'pending');
    assert.equal(after.attempts, 1);
    assert.ok(after.nextAttemptAt.getTime() >= T0.getTime() + 30_000, 'honours Retry-After');
    clock.advance(10_000);
    assert.equal(await worker.drain(), 0, 'not before its time');
    clock.advance(25_000);
    assert.equal(await worker.drain(), 1);
    assert.equal(delivery.sent.length, 1);
  });

  it('backs off exponentially on 5xx and marks the message failed after its last attempt, shown to admins', async () => {
    const { store, clock, delivery, worker } = await setup();
    await store.outbox.enqueue([message('a')]);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      delivery.failures.push(httpError(503));
      const before = clock.now().getTime();
      await worker.drain();
      const m = (await store.outbox.get('a'))!;
      if (m.status === 'pending') delays.push(m.nextAttemptAt.getTime() - before);
      clock.advance(60 * 60 * 1000);
    }
    assert.equal(delays.length, 3);
    assert.ok(
      delays[0]! >= 1000 && delays[1]! >= 2000 && delays[2]! >= 4000,
      `exponential: ${delays.join(', ')}`,
    );
    const failed = await store.outbox.listFailed(10);
    assert.deepEqual(
      failed.map((m) => m._id),
      ['a'],
    );
    assert.equal(failed[0]!.lastError, 'Teams answered HTTP 503 (after 4 attempts)');
  });

  it('does not retry a permanent refusal (403)', async () => {
    const { store, delivery, worker } = await setup();
    await store.outbox.enqueue([message('a')]);
    delivery.failures.push(httpError(403));
    await worker.drain();
    assert.equal((await store.outbox.get('a'))?.status, 'failed');
  });

  it('keeps a message for someone who has not chatted with the bot yet, and fails it clearly in the end', async () => {
    const { store, clock, worker } = await setup();
    await store.outbox.enqueue([message('a', { target: { kind: 'person', aadObjectId: 'aad-new' } })]);
    for (let i = 0; i < 4; i++) {
      await worker.drain();
      clock.advance(60 * 60 * 1000);
    }
    const m = (await store.outbox.get('a'))!;
    assert.equal(m.status, 'failed');
    assert.match(m.lastError ?? '', /no conversation/);
  });

  it('updates the first post of a thread in place instead of posting again', async () => {
    const { store, delivery, worker } = await setup();
    const target = { kind: 'channel' as const, purpose: 'entry-staff', site: 'Site-A' };
    await store.outbox.enqueue([message('first', { target, threadKey: 'hui-1' })]);
    await worker.drain();
    await store.outbox.enqueue([message('second', { target, threadKey: 'hui-1' })]);
    await worker.drain();
    assert.equal(delivery.sent.length, 1);
    assert.deepEqual(delivery.updated, [{ id: 'second', activityId: 'activity-1' }]);
  });

  it('lets only the lease holder deliver when two workers share a store', async () => {
    const { store, clock, delivery } = await setup();
    const log = createLogger({ level: 'silent' });
    const a = new OutboxWorker(store, delivery, clock, log, { pollMs: 10 });
    const b = new OutboxWorker(store, delivery, clock, log, { pollMs: 10 });
    await store.outbox.enqueue(
      Array.from({ length: 20 }, (_, i) =>
        message(`m${i}`, { target: { kind: 'person', aadObjectId: 'aad-1' } }),
      ),
    );
    // One conversation's burst beyond what Teams allows at once goes back to the outbox for a few seconds.
    let na = 0;
    let nb = 0;
    for (let round = 0; round < 5; round++) {
      const [x, y] = await Promise.all([a.drain(), b.drain()]);
      na += x;
      nb += y;
      clock.advance(5000);
    }
    assert.ok(na === 0 || nb === 0, 'one worker did all the work');
    assert.equal(new Set(delivery.sent.map((s) => s.id)).size, 20);
    await a.stop();
    await b.stop();
  });
});

describe('rate limiter', () => {
  it('allows 7 per second per conversation and 30 per second in all', () => {
    const l = new SlidingWindowLimiter([{ limit: 7, windowMs: 1000 }], [{ limit: 30, windowMs: 1000 }]);
    for (let i = 0; i < 7; i++) assert.equal(l.reserve('c1', 1000), 0);
    assert.ok(l.reserve('c1', 1000) > 0, 'the 8th in a second waits');
    assert.equal(l.reserve('c1', 2001), 0, 'a second later it may go');
    const g = new SlidingWindowLimiter([{ limit: 7, windowMs: 1000 }], [{ limit: 30, windowMs: 1000 }]);
    for (let i = 0; i < 30; i++) assert.equal(g.reserve(`c${i}`, 5000), 0);
    assert.ok(g.reserve('another', 5000) > 0, 'the 31st across conversations waits');
  });
});
