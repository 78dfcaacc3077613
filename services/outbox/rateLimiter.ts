/**
 * Sliding-window limits for proactive messages: Teams allows about 7 messages per second per
 * conversation and 30 per second per app per tenant. Only the holder of the outbox lease sends,
 * so a limiter in that process is the whole picture.
 */
export class SlidingWindowLimiter {
  private readonly sent = new Map<string, number[]>();
  constructor(
    private readonly perKey: number,
    private readonly global: number,
    private readonly windowMs = 1000,
  ) {}

  /** Milliseconds to wait before sending to `key`; 0 means now. Records the send when 0. */
  reserve(key: string, nowMs: number): number {
    const all = this.trim('*', nowMs);
    const mine = this.trim(key, nowMs);
    const waitGlobal = all.length >= this.global ? all[0]! + this.windowMs - nowMs : 0;
    const waitKey = mine.length >= this.perKey ? mine[0]! + this.windowMs - nowMs : 0;
    const wait = Math.max(waitGlobal, waitKey);
    if (wait > 0) return wait;
    all.push(nowMs);
    mine.push(nowMs);
    return 0;
  }

  private trim(key: string, nowMs: number): number[] {
    const list = (this.sent.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
    this.sent.set(key, list);
    return list;
  }
}
