import assert from 'node:assert/strict';
import { UnavailableError } from '../../services/errors';
import type { Store } from '../../services/store/types';
import { BotHarness } from '../helpers/botHarness';
import { cardOf } from '../helpers/connectorStub';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';
import { F17Run, f17Everyone, f17People } from '../helpers/f17Run';

const { co } = f17People;

/**
 * A change whose events were appended but whose outbox write failed (the database went away in
 * between) is caught up by the outbox's reconcile sweep, with nobody reading the application.
 */
function suite(backend: 'memory' | 'mongodb') {
  describe(`Reconcile sweep under the outbox lease (${backend})`, function () {
    this.timeout(30_000);
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

    it('sends the notifications of a change whose outbox write failed, without anyone reading it', async () => {
      const run = new F17Run(h.app.engine);
      await run.start();
      await h.deliverOutbox();
      const outbox = h.store.outbox;
      const enqueue = outbox.enqueue;
      let refused = 0;
      outbox.enqueue = async (messages) => {
        if (refused === 0 && messages.some((m) => m.applicationId === run.id)) {
          refused++;
          throw new UnavailableError(new Error('connection reset'));
        }
        return enqueue.call(outbox, messages);
      };
      try {
        await run.consent(); // recorded: the events are in; the outbox write failed
      } finally {
        outbox.enqueue = enqueue;
      }
      assert.equal(refused, 1);
      const sectionCards = () =>
        h.connector
          .sentTo(h.conversationFor(co.aadObjectId))
          .filter((c) => JSON.stringify(cardOf(c.body) ?? {}).includes('f17.submitSection'))
          .filter((c) => JSON.stringify(c.body).includes(run.id));
      assert.equal(sectionCards().length, 0, 'nothing sent yet');
      await h.deliverOutbox(); // the worker's pass: sweep, then delivery
      assert.equal(sectionCards().length, 1, 'the case officer got the section card once');
      await h.deliverOutbox();
      assert.equal(sectionCards().length, 1, 'and only once');
    });

    it('costs one query when idle', async () => {
      await h.deliverOutbox();
      const events = h.store.events;
      const since = events.since.bind(events);
      let calls = 0;
      events.since = async (after, limit) => {
        calls++;
        return since(after, limit);
      };
      try {
        const heldCards = h.store.outbox.heldCards;
        let held = 0;
        h.store.outbox.heldCards = async (id) => {
          held++;
          return heldCards.call(h.store.outbox, id);
        };
        await h.app.outbox.drain();
        h.store.outbox.heldCards = heldCards;
        assert.equal(calls, 1);
        assert.equal(held, 0, 'nothing already handled is looked at again');
      } finally {
        events.since = since;
      }
    });
  });
}

suite('memory');
suite('mongodb');
