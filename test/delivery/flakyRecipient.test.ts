import assert from 'node:assert/strict';
import type { FixedClock } from '../../services/clock';
import type { OutboxMessage, Store } from '../../services/store/types';
import { BotHarness } from '../helpers/botHarness';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';
import { F17Run, f17Everyone, f17People } from '../helpers/f17Run';

const { co } = f17People;

/**
 * Issue 12's "done when": a run of F.17 in which the connector fails every third send for one
 * recipient ends with every message either delivered once or listed in `outbox failed` with its
 * reason, and none marked sent that was not delivered. Real CloudAdapter + AdapterDelivery +
 * OutboxWorker against the connector stub.
 */
function suite(backend: 'memory' | 'mongodb') {
  describe(`F.17 with a connector that fails every third send to one person (${backend})`, function () {
    this.timeout(60_000);
    let h: BotHarness;
    let mongo: TestMongo | undefined;
    let store: Store | undefined;

    before(async function () {
      if (backend === 'mongodb') {
        mongo = await testMongoOrSkip(this);
        store = await mongo.open();
      }
      h = await new BotHarness({ people: f17Everyone, ...(store ? { store } : {}) }).start();
      for (const p of f17Everyone) await h.install(p);
    });
    after(async () => {
      if (h) await h.stop();
      if (mongo) await mongo.close().catch(() => undefined);
    });

    it('every message is delivered once or listed as failed with its reason; nothing sent that the stub refused', async () => {
      const clock = h.clock as FixedClock;
      const enqueued = new Map<string, OutboxMessage>();
      const outbox = h.store.outbox;
      const enqueue = outbox.enqueue;
      outbox.enqueue = async (messages) => {
        for (const m of messages) if (!enqueued.has(m._id)) enqueued.set(m._id, m);
        return enqueue.call(outbox, messages);
      };
      h.connector.clear();
      const coConversation = h.conversationFor(co.aadObjectId);
      let toCo = 0;
      h.connector.script = (req) => {
        if (req.conversationId !== coConversation) return undefined;
        toCo++;
        return toCo % 3 === 0 ? { status: 503, code: 'ServiceUnavailable' } : undefined;
      };
      /** Delivers, letting time pass for retries, until nothing is pending. */
      const settle = async () => {
        for (let i = 0; i < 20; i++) {
          await h.deliverOutbox();
          if ((await outbox.countByStatus()).pending === 0) return;
          clock.advance(15 * 60_000);
        }
      };
      const run = new F17Run(h.app.engine);
      try {
        await run.start();
        await run.consent();
        await settle();
        await run.sections();
        await settle();
        await run.review();
        await settle();
        await run.decide();
        await settle();
      } finally {
        outbox.enqueue = enqueue;
        h.connector.script = undefined;
      }

      const stored = await Promise.all([...enqueued.keys()].map((id) => outbox.get(id)));
      const sent = stored.filter((m) => m?.status === 'sent') as OutboxMessage[];
      const failed = stored.filter((m) => m?.status === 'failed') as OutboxMessage[];
      assert.equal(sent.length + failed.length, enqueued.size, 'nothing left pending');

      // Delivered once: the posts the stub accepted are exactly the posts of the sent messages — a
      // second delivery of one message, or a message marked sent that was refused, breaks the equality.
      const accepted = h.connector.calls.filter((c) => c.method === 'POST').map((c) => c.answeredId!);
      const sentNew = sent.filter((m) => !m.updateOf);
      assert.deepEqual(
        [...new Set(sentNew.map((m) => m.activityId!))].sort(),
        [...accepted].sort(),
        'one accepted post per message (thread messages share their first post)',
      );
      const unthreaded = sentNew.filter((m) => !m.threadKey).map((m) => m.activityId);
      assert.equal(new Set(unthreaded).size, unthreaded.length, 'no two messages claim one post');

      // Edits: each sent edit is an accepted PUT of the card Teams gave the id to.
      const puts = h.connector.calls.filter((c) => c.method === 'PUT');
      for (const m of sent.filter((x) => x.updateOf))
        assert.ok(
          puts.some((p) => p.activityId === m.updateOf),
          `${m._id} edit accepted`,
        );

      for (const m of failed) assert.ok(m.lastError && m.lastError.length > 0, `${m._id} has a reason`);
      const listed = new Set((await outbox.listFailed(500)).map((m) => m._id));
      for (const m of failed) assert.ok(listed.has(m._id), `${m._id} is in outbox failed`);

      const refused = h.connector.attempts.filter((a) => a.status === 503).length;
      assert.ok(refused > 0, 'the stub did refuse sends');
      const retried = sent.filter((m) => m.attempts > 1).length;
      process.stdout.write(
        `      ${enqueued.size} outbox messages (${sentNew.length} posts, ${sent.length - sentNew.length} card edits): ` +
          `${sent.length} sent, ${failed.length} failed; ${refused} sends to the case officer refused, ${retried} messages delivered on a retry` +
          failed.map((m) => `\n        failed: ${m._id}: ${m.lastError}`).join('') +
          '\n',
      );
    });
  });
}

suite('memory');
suite('mongodb');
