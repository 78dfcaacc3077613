import assert from 'node:assert/strict';
import type { FixedClock } from '../../services/clock';
import type { OutboxMessage, OutboxTarget, Store } from '../../services/store/types';
import { BotHarness, person } from '../helpers/botHarness';
import { cardText } from '../helpers/connectorStub';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';

const SITE = 'Site-A';
const alice = person('aad-alice', 'Alice Aroha', [['case-manager', SITE]]);
const admin = person('aad-admin', 'Ada Admin', [['admin', SITE]]);
const CHANNEL = { id: '19:entry-staff@thread.tacv2;messageid=1700000000001', type: 'channel' as const };
const TIMEOUT_MS = 300;

let seq = 0;
function message(
  target: OutboxTarget,
  overrides: Partial<OutboxMessage> = {},
  now = new Date(),
): OutboxMessage {
  seq++;
  return {
    _id: `msg-${seq}`,
    target,
    text: `message ${seq}`,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    ...overrides,
  };
}

const toAlice: OutboxTarget = { kind: 'person', aadObjectId: alice.aadObjectId };

/**
 * The real CloudAdapter + AdapterDelivery + OutboxWorker against the local connector stub: for
 * each answer Teams can give, what the outbox records, how many attempts, the delays honoured,
 * and that nothing is marked sent that the stub did not accept.
 */
function suite(backend: 'memory' | 'mongodb') {
  describe(`Delivery through the real CloudAdapter to the connector stub (${backend})`, function () {
    this.timeout(30_000);
    let h: BotHarness;
    let mongo: TestMongo | undefined;
    let store: Store | undefined;
    let clock: FixedClock;

    before(async function () {
      if (backend === 'mongodb') {
        mongo = await testMongoOrSkip(this);
        store = await mongo.open();
      }
      h = await new BotHarness({
        people: [alice, admin],
        ...(store ? { store } : {}),
        env: { OUTBOUND_TIMEOUT_MS: String(TIMEOUT_MS), OUTBOX_STUCK_AFTER_MS: '60000' },
      }).start();
      clock = h.clock as FixedClock;
      await h.install(alice);
      await h.install(admin);
      await h.say(admin, 'register channel entry-staff Site-A', CHANNEL);
      h.connector.clear();
    });
    after(async () => {
      if (h) await h.stop();
      if (mongo) await mongo.close().catch(() => undefined);
    });
    beforeEach(() => {
      h.connector.clear();
      h.connector.script = undefined;
    });

    async function enqueue(m: OutboxMessage): Promise<OutboxMessage> {
      await h.store.outbox.enqueue([{ ...m, nextAttemptAt: clock.now(), createdAt: clock.now() }]);
      return m;
    }
    const get = async (id: string) => (await h.store.outbox.get(id))!;

    it('201: marked sent with the id Teams returned, as a new message (no replyToId), one request', async () => {
      const m = await enqueue(message(toAlice));
      assert.equal(await h.app.outbox.drain(), 1);
      const stored = await get(m._id);
      assert.equal(stored.status, 'sent');
      assert.equal(stored.attempts, 1);
      const [call] = h.connector.sentTo(h.conversationFor(alice.aadObjectId));
      assert.ok(call, 'the stub received the message');
      assert.equal(stored.activityId, call.answeredId, 'the id Teams gave it');
      assert.equal(call.body.replyToId, undefined, 'a proactive message is not a reply');
      assert.equal(h.connector.attempts.length, 1);
    });

    it('429 with Retry-After in seconds: one request, pending, next attempt no sooner than Retry-After; then sent once', async () => {
      const m = await enqueue(message(toAlice));
      h.connector.failNext(429, 1, 7, 'Throttled');
      const t0 = clock.now().getTime();
      await h.app.outbox.drain();
      let stored = await get(m._id);
      assert.equal(stored.status, 'pending');
      assert.equal(stored.attempts, 1);
      assert.match(stored.lastError ?? '', /429/);
      assert.ok(stored.nextAttemptAt.getTime() - t0 >= 7000, 'Retry-After honoured');
      assert.equal(h.connector.attempts.length, 1, 'no hidden retries inside the HTTP client');
      assert.equal(h.connector.calls.length, 0);
      clock.advance(3000);
      assert.equal(await h.app.outbox.drain(), 0, 'not before its time');
      clock.advance(5000);
      await h.app.outbox.drain();
      stored = await get(m._id);
      assert.equal(stored.status, 'sent');
      assert.equal(stored.attempts, 2);
      assert.equal(h.connector.calls.length, 1, 'delivered once');
    });

    it('429 with Retry-After as an HTTP date is honoured too', async () => {
      const m = await enqueue(message(toAlice));
      h.connector.failNext(429, 1, new Date(Date.now() + 120_000).toUTCString());
      const t0 = clock.now().getTime();
      await h.app.outbox.drain();
      const stored = await get(m._id);
      assert.equal(stored.status, 'pending');
      const delay = stored.nextAttemptAt.getTime() - t0;
      assert.ok(delay >= 110_000, `waited ${delay} ms for a date two minutes ahead`);
      clock.advance(delay);
      await h.app.outbox.drain();
      assert.equal((await get(m._id)).status, 'sent');
    });

    it('500 every time: exponential backoff, failed after the last attempt with the reason, never marked sent', async () => {
      const m = await enqueue(message(toAlice));
      h.connector.script = () => ({ status: 500, code: 'ServiceError' });
      const delays: number[] = [];
      for (let i = 0; i < 6; i++) {
        const before = clock.now().getTime();
        await h.app.outbox.drain();
        const s = await get(m._id);
        if (s.status === 'pending') delays.push(s.nextAttemptAt.getTime() - before);
        clock.advance(60 * 60_000);
      }
      const stored = await get(m._id);
      assert.equal(stored.status, 'failed');
      assert.equal(stored.attempts, 6);
      assert.equal(stored.lastError, 'Teams answered HTTP 500 ServiceError (after 6 attempts)');
      assert.equal(h.connector.attempts.length, 6);
      assert.equal(h.connector.calls.length, 0);
      assert.equal(delays.length, 5);
      delays.forEach((d, i) => assert.ok(d >= 1000 * 2 ** i, `delay ${i}: ${d}`));
      const failed = await h.store.outbox.listFailed(50);
      assert.ok(failed.some((f) => f._id === m._id));
    });

    it('403 MessageWritesBlocked: failed at once, reported, one request', async () => {
      const m = await enqueue(message(toAlice));
      h.connector.failNext(403, 1, undefined, 'MessageWritesBlocked');
      await h.app.outbox.drain();
      const stored = await get(m._id);
      assert.equal(stored.status, 'failed');
      assert.equal(stored.attempts, 1);
      assert.match(stored.lastError ?? '', /blocked or uninstalled Tautoko \(403 MessageWritesBlocked\)/);
      assert.equal(h.connector.attempts.length, 1);
    });

    it('another 4xx (400): failed at once with the reason', async () => {
      const m = await enqueue(message(toAlice));
      h.connector.failNext(400, 1, undefined, 'BadArgument');
      await h.app.outbox.drain();
      const stored = await get(m._id);
      assert.equal(stored.status, 'failed');
      assert.equal(stored.lastError, 'Teams answered HTTP 400 BadArgument');
    });

    it('404: the stale conversation reference is dropped and the message kept to re-establish it', async () => {
      const m = await enqueue(message(toAlice));
      h.connector.failNext(404, 1, undefined, 'ConversationNotFound');
      await h.app.outbox.drain();
      const stored = await get(m._id);
      assert.equal(stored.status, 'pending');
      assert.match(stored.lastError ?? '', /404/);
      assert.equal(await h.store.conversations.getPersonal(alice.aadObjectId), null, 'reference dropped');
      await h.install(alice); // Alice opens the chat again (or the bot re-establishes it)
      await h.app.outbox.drain();
      assert.equal((await get(m._id)).status, 'sent');
      assert.equal(h.connector.calls.filter((c) => c.body.text === m.text).length, 1);
    });

    it('connection refused: pending with a network error, then delivered once when Teams is back', async () => {
      const m = await enqueue(message(toAlice));
      await h.connector.refuse();
      try {
        await h.app.outbox.drain();
      } finally {
        await h.connector.accept();
      }
      let stored = await get(m._id);
      assert.equal(stored.status, 'pending');
      assert.match(stored.lastError ?? '', /network error reaching Teams \(ECONNREFUSED\)/);
      assert.equal(stored.attempts, 1);
      clock.advance(60_000);
      await h.app.outbox.drain();
      stored = await get(m._id);
      assert.equal(stored.status, 'sent');
      assert.equal(h.connector.calls.length, 1);
    });

    it('no answer: the call times out, counts as retryable, and is not marked sent', async () => {
      const m = await enqueue(message(toAlice));
      h.connector.script = () => 'hang';
      await h.app.outbox.drain();
      h.connector.script = undefined;
      const stored = await get(m._id);
      assert.equal(stored.status, 'pending');
      assert.match(stored.lastError ?? '', new RegExp(`within ${TIMEOUT_MS} ms`));
      assert.equal(h.connector.attempts.length, 1);
    });

    it('a failed send never reaches onTurnError: no error card, no "unhandled error in turn"', async () => {
      const m = await enqueue(message(toAlice));
      h.connector.failNext(500, 1);
      await h.app.outbox.drain();
      assert.equal((await get(m._id)).status, 'pending');
      assert.doesNotMatch(h.logs.text(), /unhandled error in turn/);
      assert.equal(h.connector.calls.length, 0, 'nothing else was sent, not even an error card');
    });

    it('a message to a person about an application carries "Open status" (a button, not "ask the bot")', async () => {
      await enqueue(message(toAlice, { applicationId: 'MIX-2026-00042', text: 'The decision is recorded.' }));
      await enqueue(message(toAlice, { text: 'Not about an application.' }));
      await h.app.outbox.drain();
      const calls = h.connector.sentTo(h.conversationFor(alice.aadObjectId));
      const about = calls.find((c) => c.body.text === 'The decision is recorded.');
      const plain = calls.find((c) => c.body.text === 'Not about an application.');
      const card = (about?.body.attachments as Array<{ content?: unknown }> | undefined)?.[0]?.content as
        { actions?: Array<{ title: string; data?: { card?: string; applicationId?: string } }> } | undefined;
      assert.deepEqual(
        card?.actions?.map((a) => [a.title, a.data?.card, a.data?.applicationId]),
        [['Open status', 'f17.status', 'MIX-2026-00042']],
      );
      assert.equal(plain?.body.attachments, undefined, 'nothing to open: text only');
    });

    it('a channel post is a new post in the channel (no ;messageid=, no replyToId)', async () => {
      const m = await enqueue(message({ kind: 'channel', purpose: 'entry-staff', site: SITE }));
      await h.app.outbox.drain();
      assert.equal((await get(m._id)).status, 'sent');
      const [call] = h.connector.calls;
      assert.equal(call?.conversationId, '19:entry-staff@thread.tacv2');
      assert.equal(call?.body.replyToId, undefined);
    });

    it('a stuck outbox (due work, no progress) is logged as an error and shown to admins in `outbox failed`', async () => {
      clock.advance(24 * 3_600_000); // everything earlier tests left pending is due: deliver it first
      await h.deliverOutbox();
      const before = (await h.app.outbox.checkStuck()).count;
      assert.equal(before, 0);
      const m = await enqueue(message(toAlice));
      clock.advance(2 * 60_000);
      const overdue = await h.app.outbox.checkStuck();
      assert.equal(overdue.count, before + 1);
      assert.match(h.logs.text(), /outbox stuck/);
      const [card] = await h.say(admin, 'outbox failed');
      assert.match(cardText(card), /stuck/i);
      assert.match(cardText(card), new RegExp(`${before + 1} messages? ha`));
      await h.app.outbox.drain();
      assert.equal((await get(m._id)).status, 'sent');
    });
  });
}

suite('memory');
suite('mongodb');
