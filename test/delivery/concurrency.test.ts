import assert from 'node:assert/strict';
import type { FixedClock } from '../../services/clock';
import type { OutboxMessage } from '../../services/store/types';
import { BotHarness, person } from '../helpers/botHarness';

const busy = person('aad-busy', 'Bea Busy', [['case-manager', 'Site-A']]);
const quiet = person('aad-quiet', 'Quinn Quiet', [['case-officer', 'Site-A']]);

/**
 * Issue 18 item 3 through the real adapter: conversations are delivered to concurrently within
 * Teams' per-conversation limits, and a busy conversation does not hold up the others.
 */
describe('Outbox concurrency and rate limits (real CloudAdapter, connector stub)', function () {
  this.timeout(30_000);
  let h: BotHarness;

  before(async () => {
    h = await new BotHarness({ people: [busy, quiet] }).start();
    await h.install(busy);
    await h.install(quiet);
    h.connector.clear();
  });
  after(async () => h?.stop());

  it('30 messages for one person and 1 for another: the other is not queued behind the burst; at most 7 a second to one chat', async () => {
    const clock = h.clock as FixedClock;
    const at = clock.now();
    const msg = (id: string, aad: string): OutboxMessage => ({
      _id: id,
      target: { kind: 'person', aadObjectId: aad },
      text: id,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
    });
    await h.store.outbox.enqueue([
      ...Array.from({ length: 30 }, (_, i) => msg(`burst-${String(i).padStart(2, '0')}`, busy.aadObjectId)),
      msg('quiet-1', quiet.aadObjectId),
    ]);
    await h.app.outbox.drain();
    const quietStatus = (await h.store.outbox.get('quiet-1'))?.status;
    assert.equal(quietStatus, 'sent', 'the other person’s message went out in the same pass');
    const posts = h.connector.calls.filter((c) => c.method === 'POST');
    const quietIndex = posts.findIndex((c) => c.body.text === 'quiet-1');
    assert.ok(quietIndex >= 0 && quietIndex < 8, `not behind the burst (position ${quietIndex})`);
    const stats = h.app.outbox.stats();
    assert.ok(stats.deferred > 0, 'the burst beyond what Teams allows at once went back to the outbox');
    for (let i = 0; i < 10; i++) {
      clock.advance(10_000);
      await h.deliverOutbox();
    }
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => h.store.outbox.get(`burst-${String(i).padStart(2, '0')}`)),
    );
    assert.ok(
      burst.every((m) => m?.status === 'sent'),
      'all delivered in the end',
    );
    assert.ok(
      burst.every((m) => m?.attempts === 1),
      'deferring is not an attempt',
    );
    const times = h.connector.attempts
      .filter((a) => a.conversationId === h.conversationFor(busy.aadObjectId))
      .map((a) => a.at);
    for (let i = 7; i < times.length; i++)
      assert.ok(
        times[i]! - times[i - 7]! >= 1000,
        `no more than 7 sends in any second to one chat (send ${i})`,
      );
  });
});
