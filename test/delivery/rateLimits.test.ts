import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LaneScheduler } from '../../services/outbox/lanes';
import type { Timers } from '../../services/outbox/lanes';
import { SlidingWindowLimiter, TEAMS_PER_CONVERSATION } from '../../services/outbox/rateLimiter';
import type { RateWindow } from '../../services/outbox/rateLimiter';
import type { OutboxMessage } from '../../services/store/types';

/** A clock that moves only when told, with the timers due by then run in order. */
class FakeTimers implements Timers {
  private t = 0;
  private seq = 0;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.due.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }
  /** Moves time forward to `until`, running each timer at its time (and what it starts). */
  async runUntil(until: number): Promise<void> {
    for (;;) {
      await settle();
      const next = [...this.due.entries()].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next || next[1].at > until) break;
      this.due.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
    }
    this.t = Math.max(this.t, until);
    await settle();
  }
}

/** Lets promise callbacks (a finished delivery's bookkeeping) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

const APP_PER_SECOND: RateWindow = { limit: 50, windowMs: 1000 };

function msg(conversation: string, n: number): OutboxMessage {
  return {
    _id: `${conversation}-${n}`,
    target: { kind: 'person', aadObjectId: conversation },
    text: `${conversation} ${n}`,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(0),
    createdAt: new Date(0),
  };
}

/** The most sends in any `windowMs` (a window is half-open: a send `windowMs` later is outside). */
function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

function withinLimits(times: number[], windows: RateWindow[]): void {
  for (const w of windows)
    assert.ok(
      busiest(times, w.windowMs) <= w.limit,
      `${busiest(times, w.windowMs)} sends within ${w.windowMs} ms (limit ${w.limit})`,
    );
}

describe('Teams rate limits: the sliding-window limiter (fake clock)', () => {
  it('never lets more through than any window allows, and a wait it names is exactly enough', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 3 }), gap: fc.integer({ min: 0, max: 400 }) }), {
          minLength: 1,
          maxLength: 300,
        }),
        (requests) => {
          const global: RateWindow[] = [{ limit: 12, windowMs: 1000 }];
          const limiter = new SlidingWindowLimiter(TEAMS_PER_CONVERSATION, global);
          const sent = new Map<string, number[]>();
          const all: Array<{ key: string; at: number }> = [];
          let t = 0;
          for (const r of requests) {
            t += r.gap;
            const key = `c${r.key}`;
            const wait = limiter.reserve(key, t);
            if (wait === 0) {
              sent.set(key, [...(sent.get(key) ?? []), t]);
              all.push({ key, at: t });
              continue;
            }
            // Refused: at `t + wait`, with nothing else sent, the same send is allowed, and not before.
            const replay = new SlidingWindowLimiter(TEAMS_PER_CONVERSATION, global);
            for (const s of all) assert.equal(replay.reserve(s.key, s.at), 0);
            assert.ok(replay.peek(key, t + wait - 1) > 0, 'not allowed a millisecond sooner');
            assert.equal(replay.peek(key, t + wait), 0, 'allowed once the wait is over');
          }
          for (const times of sent.values()) withinLimits(times, TEAMS_PER_CONVERSATION);
          withinLimits(
            all.map((s) => s.at),
            global,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('allows 7 in a second to one chat and then 1 more in the next (8 in 2 s)', () => {
    const l = new SlidingWindowLimiter(TEAMS_PER_CONVERSATION, [APP_PER_SECOND]);
    for (let i = 0; i < 7; i++) assert.equal(l.reserve('c', 0), 0);
    assert.equal(l.reserve('c', 999), 1, 'the 8th waits for the first to leave the 1 s window');
    assert.equal(l.reserve('c', 1000), 0);
    assert.equal(l.reserve('c', 1500), 500, 'the 9th waits for the 2 s window');
    assert.equal(l.reserve('other', 1500), 0, 'another chat is not held up');
  });
});

describe('Outbox lanes: concurrency without head-of-line blocking (fake clock)', () => {
  function scheduler(
    timers: FakeTimers,
    concurrency: number,
    deliveryMs: number,
    global: RateWindow[] = [APP_PER_SECOND],
  ) {
    const limiter = new SlidingWindowLimiter(TEAMS_PER_CONVERSATION, global);
    const started: Array<{ key: string; id: string; at: number }> = [];
    const inFlight = new Set<string>();
    let overlap = false;
    const lanes = new LaneScheduler(
      limiter,
      { concurrency, laneMax: 8 },
      async (key, m) => {
        if (inFlight.has(key)) overlap = true;
        inFlight.add(key);
        started.push({ key, id: m._id, at: timers.now() });
        await new Promise<void>((r) => timers.setTimeout(r, deliveryMs));
        inFlight.delete(key);
      },
      timers,
    );
    return { lanes, started, overlapped: () => overlap };
  }

  it('one chat with a full lane does not hold up the others: each goes out in the first round', async () => {
    const timers = new FakeTimers();
    const { lanes, started } = scheduler(timers, 2, 50);
    for (let i = 0; i < 8; i++) assert.ok(lanes.add('busy', msg('busy', i)));
    assert.equal(lanes.add('busy', msg('busy', 8)), false, 'a ninth waits in the outbox, not here');
    for (let c = 0; c < 5; c++) lanes.add(`quiet-${c}`, msg(`quiet-${c}`, 0));
    lanes.pump();
    await timers.runUntil(10_000);
    const order = started.map((s) => s.id);
    const secondBusy = order.indexOf('busy-1');
    for (let c = 0; c < 5; c++)
      assert.ok(order.indexOf(`quiet-${c}-0`) < secondBusy, `quiet-${c} went before the busy chat's second`);
    assert.equal(started.length, 13);
    assert.equal(lanes.size, 0);
  });

  it('a chat waiting for its rate window holds no delivery slot: another chat is sent at once', async () => {
    const timers = new FakeTimers();
    const { lanes, started } = scheduler(timers, 1, 0);
    for (let i = 0; i < 8; i++) lanes.add('busy', msg('busy', i));
    lanes.pump();
    await timers.runUntil(100);
    assert.equal(started.length, 7, '7 in the first second');
    lanes.add('late', msg('late', 0));
    lanes.pump();
    await timers.runUntil(200);
    assert.deepEqual(
      started.filter((s) => s.key === 'late').map((s) => s.at),
      [100],
      'sent when added, not after the busy chat’s wait',
    );
    await timers.runUntil(2000);
    assert.equal(started.filter((s) => s.key === 'busy').length, 8);
    assert.ok(started.find((s) => s.id === 'busy-7')!.at >= 1000, 'the 8th only when the 1 s window allows');
  });

  it('a backlog over many chats drains at the per-app limit and never above it', async () => {
    const timers = new FakeTimers();
    const { lanes, started } = scheduler(timers, 16, 30);
    for (let c = 0; c < 100; c++) for (let i = 0; i < 2; i++) lanes.add(`c${c}`, msg(`c${c}`, i));
    lanes.pump();
    await timers.runUntil(10_000);
    assert.equal(started.length, 200);
    withinLimits(
      started.map((s) => s.at),
      [APP_PER_SECOND],
    );
    const last = Math.max(...started.map((s) => s.at));
    assert.ok(last < 4000, `200 messages at 50 a second are all started within 4 s (last at ${last} ms)`);
  });

  it('any mix of chats: every message delivered once, in order within its chat, one at a time, within limits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 400 }),
        async (chats, concurrency, deliveryMs) => {
          const timers = new FakeTimers();
          const { lanes, started, overlapped } = scheduler(timers, concurrency, deliveryMs, [
            { limit: 10, windowMs: 1000 },
          ]);
          const counts = new Map<string, number>();
          const accepted: string[] = [];
          for (const c of chats) {
            const key = `c${c}`;
            const n = counts.get(key) ?? 0;
            if (lanes.add(key, msg(key, n))) {
              counts.set(key, n + 1);
              accepted.push(`${key}-${n}`);
            }
          }
          lanes.pump();
          await timers.runUntil(600_000);
          assert.deepEqual(started.map((s) => s.id).sort(), [...accepted].sort());
          assert.equal(overlapped(), false, 'never two at once to one chat');
          for (const key of counts.keys()) {
            const mine = started.filter((s) => s.key === key);
            assert.deepEqual(
              mine.map((s) => s.id),
              mine.map((_, i) => `${key}-${i}`),
              'in order',
            );
            withinLimits(
              mine.map((s) => s.at),
              TEAMS_PER_CONVERSATION,
            );
          }
          withinLimits(
            started.map((s) => s.at),
            [{ limit: 10, windowMs: 1000 }],
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
