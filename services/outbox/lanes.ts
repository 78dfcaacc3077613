import type { OutboxMessage } from '../store/types';
import type { SlidingWindowLimiter } from './rateLimiter';

/** The passage of time, injectable so that tests can run the schedule on a fake clock. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface LaneOptions {
  /** Messages being delivered at once, across conversations. */
  concurrency: number;
  /** Messages a conversation may have waiting here; beyond it, `add` refuses. */
  laneMax: number;
}

/**
 * Claimed messages by conversation ("lane"). Each conversation's messages go out one at a time and
 * in order (a thread's first post before its edits); across conversations up to `concurrency` at
 * once, each only when the limiter allows (Teams' limits per conversation and per app). Lanes are
 * served round-robin and a lane waiting for its window never holds a delivery slot, so one busy
 * conversation does not hold up the others.
 */
export class LaneScheduler {
  private readonly lanes = new Map<string, OutboxMessage[]>();
  private readonly sending = new Set<string>();
  private queued = 0;
  private timer: unknown;
  private halted = false;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly limiter: SlidingWindowLimiter,
    private readonly opts: LaneOptions,
    private readonly deliver: (key: string, message: OutboxMessage) => Promise<void>,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Queues a claimed message; false when its conversation already has `laneMax` waiting. */
  add(key: string, message: OutboxMessage): boolean {
    const lane = this.lanes.get(key);
    if (lane && lane.length >= this.opts.laneMax) return false;
    if (lane) lane.push(message);
    else this.lanes.set(key, [message]);
    this.queued++;
    return true;
  }

  /** Messages held here: waiting and being delivered. */
  get size(): number {
    return this.queued + this.sending.size;
  }

  /** Starts every delivery the limits allow now, and sets a timer for the next one that must wait. */
  pump(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.halted) return;
    let soonest = Infinity;
    for (const key of [...this.lanes.keys()]) {
      if (this.sending.size >= this.opts.concurrency) return; // a finished delivery pumps again
      if (this.sending.has(key)) continue;
      const wait = this.limiter.reserve(key, this.timers.now());
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        continue;
      }
      this.start(key);
    }
    if (soonest < Infinity) this.timer = this.timers.setTimeout(() => this.pump(), soonest);
  }

  private start(key: string): void {
    const lane = this.lanes.get(key)!;
    const message = lane.shift()!;
    this.queued--;
    // To the back of the round: the other conversations' next messages come first.
    this.lanes.delete(key);
    if (lane.length > 0) this.lanes.set(key, lane);
    this.sending.add(key);
    void this.deliver(key, message)
      .catch(() => undefined)
      .finally(() => {
        this.sending.delete(key);
        this.pump();
        this.notify();
      });
  }

  /** Resolves when a delivery finishes (or at once when nothing is held). */
  next(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves when nothing is waiting or being delivered. */
  async idle(): Promise<void> {
    while (this.size > 0) await this.next();
  }

  /** Starts nothing more; returns what was still waiting (left claimed, for the caller to hand back). */
  halt(): OutboxMessage[] {
    this.halted = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const left = [...this.lanes.values()].flat();
    this.lanes.clear();
    this.queued = 0;
    this.notify();
    return left;
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
