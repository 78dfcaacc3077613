import assert from 'node:assert/strict';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { Store } from '../../services/store/types';
import { BotHarness, person } from '../helpers/botHarness';
import { cardText } from '../helpers/connectorStub';

const alice = person('aad-alice', 'Alice Case', [['case-manager', 'Site-A']]);

/** A store whose database can be "switched off": every call then fails as a dropped connection would. */
function switchableStore(): { store: Store; down: (v: boolean) => void } {
  const inner = createMemoryStore();
  let isDown = false;
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop, recv) {
        const v = Reflect.get(t, prop, recv) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if (isDown) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:27017'));
          return (v as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  const store = {
    kind: inner.kind,
    applications: guard(inner.applications),
    events: guard(inner.events),
    people: guard(inner.people),
    conversations: guard(inner.conversations),
    outbox: guard(inner.outbox),
    counters: guard(inner.counters),
    claims: guard(inner.claims),
    leases: guard(inner.leases),
    state: guard(inner.state),
    delegations: guard(inner.delegations),
    ping: () => (isDown ? Promise.reject(new Error('down')) : Promise.resolve()),
    close: () => inner.close(),
  } as Store;
  return { store, down: (v) => (isDown = v) };
}

describe('HTTP: readiness, unexpected errors and shutdown', () => {
  const db = switchableStore();
  let h: BotHarness;
  before(async () => {
    await db.store.people.replaceAll([alice]);
    h = await new BotHarness({ store: db.store }).start();
  });
  after(async () => {
    db.down(false);
    await h.stop();
  });

  it('/readyz is 503 while the database is down and 200 once it is back; /healthz stays 200', async () => {
    db.down(true);
    assert.equal((await fetch(`${h.url}/readyz`)).status, 503);
    assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
    db.down(false);
    assert.equal((await fetch(`${h.url}/readyz`)).status, 200);
  });

  it('an unexpected failure gives the user a short message with a reference, and the log has the error with the activity id', async () => {
    db.down(true);
    const activity: Record<string, unknown> = { ...h.baseActivity(alice), type: 'message', text: 'my tasks' };
    const res = await h.post(activity);
    db.down(false);
    assert.ok(res.status < 500 || res.status === 500);
    const replies = h.connector.sentTo(h.conversationFor(alice.aadObjectId));
    const last = replies.at(-1);
    assert.ok(last, 'the user got an answer');
    const text = cardText(last.body);
    assert.match(text, /Something went wrong/);
    const ref = /reference: ([0-9a-f]{8})/.exec(text)?.[1];
    assert.ok(ref, 'a reference id is shown');
    assert.doesNotMatch(text, /ECONNREFUSED|Error|at .*\.ts/);
    const logged = h.logs.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.reference === ref);
    assert.ok(logged, 'the error is logged under the same reference');
    assert.equal(logged.activityId, activity.id);
    assert.match(JSON.stringify(logged.err), /ECONNREFUSED/);
  });
});

describe('HTTP: graceful shutdown', () => {
  it('stops accepting new turns, finishes the one in flight, and closes', async () => {
    const h = await new BotHarness({ people: [alice] }).start();
    h.connector.delayMs = 400;
    const slow = h.say(alice, 'help');
    await new Promise((r) => setTimeout(r, 150));
    const stopping = h.stop();
    const refused = await h
      .post({ ...h.baseActivity(alice), type: 'message', text: 'help' })
      .catch(() => ({ status: 0 }));
    assert.ok(
      refused.status === 503 || refused.status === 0,
      `a new turn during shutdown is refused (got ${refused.status})`,
    );
    const cards = await slow;
    await stopping;
    assert.equal(cards.length, 1, 'the turn in flight finished');
    await assert.rejects(fetch(`${h.url}/healthz`));
  });
});
