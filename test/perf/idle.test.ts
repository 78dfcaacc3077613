import assert from 'node:assert/strict';
import { systemClock } from '../../services/clock';
import { BotHarness } from '../helpers/botHarness';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';

/**
 * An idle process's background work (outbox polling and its lease, the deadline scheduler) at the
 * production defaults, counted with command monitoring over a window of real time: the assertion is
 * on a count of requests, not on a duration. The window spans two outbox polls (OUTBOX_POLL_MS
 * 5 s); the scheduler wakes once a minute (SCHEDULER_TICK_MS), so it may fall outside it: the bench
 * measures a window of a whole tick.
 */
const IDLE_WINDOW_MS = 11_000;
export const IDLE_BUDGET_PER_SECOND = 1;

describe('an idle bot process (command monitoring, MongoDB)', function () {
  this.timeout(60_000);
  let mongo: TestMongo;
  let h: BotHarness;

  before(async function () {
    mongo = await testMongoOrSkip(this);
    const store = await mongo.open();
    h = await new BotHarness({ store, clock: systemClock, startOutbox: true, people: [] }).start();
  });
  after(async () => {
    if (h) await h.stop();
    if (mongo) await mongo.close().catch(() => undefined);
  });

  it(`sends at most ${IDLE_BUDGET_PER_SECOND} request a second with nothing to do`, async () => {
    // Start-up work (indexes, the first outbox pass) is not idling.
    await new Promise((r) => setTimeout(r, 1_500));
    const before = mongo.commands.count;
    const names = mongo.commands.byName();
    await new Promise((r) => setTimeout(r, IDLE_WINDOW_MS));
    const requests = mongo.commands.count - before;
    const perSecond = requests / (IDLE_WINDOW_MS / 1000);
    const byName = Object.entries(mongo.commands.byName())
      .map(([k, v]) => `${k} ${v - (names[k] ?? 0)}`)
      .join(', ');
    process.stdout.write(`      idle: ${requests} requests in ${IDLE_WINDOW_MS / 1000} s (${byName})\n`);
    assert.ok(perSecond <= IDLE_BUDGET_PER_SECOND, `${perSecond} requests a second while idle`);
  });
});
