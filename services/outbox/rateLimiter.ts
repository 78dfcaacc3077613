/** At most `limit` sends in any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * Teams' documented limits for a bot's proactive messages in one conversation: 7 in 1 s, 8 in 2 s,
 * 60 in 30 s and 1,800 an hour.
 */
export const TEAMS_PER_CONVERSATION: RateWindow[] = [
  { limit: 7, windowMs: 1000 },
  { limit: 8, windowMs: 2000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

/**
 * Sliding-window limits, per key and across all keys. Only the holder of the outbox lease sends,
 * so a limiter in that process is the whole picture.
 */
export class SlidingWindowLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly all: number[] = [];
  private readonly longest: number;
  private reserved = 0;

  constructor(
    private readonly perKey: RateWindow[],
    private readonly global: RateWindow[],
  ) {
    this.longest = Math.max(...perKey.map((w) => w.windowMs), ...global.map((w) => w.windowMs));
  }

  /** Milliseconds to wait before sending to `key`; 0 means now, and the send is recorded. */
  reserve(key: string, nowMs: number): number {
    const mine = this.trimmed(this.sent.get(key) ?? [], nowMs);
    this.trimmed(this.all, nowMs);
    const wait = Math.max(waitFor(mine, this.perKey, nowMs), waitFor(this.all, this.global, nowMs));
    if (wait > 0) {
      if (mine.length === 0) this.sent.delete(key);
      return wait;
    }
    mine.push(nowMs);
    this.all.push(nowMs);
    this.sent.set(key, mine);
    if (++this.reserved % 1000 === 0) this.forgetIdle(nowMs);
    return 0;
  }

  /** How long `key` would wait now, without recording anything. */
  peek(key: string, nowMs: number): number {
    const mine = this.trimmed(this.sent.get(key) ?? [], nowMs);
    return Math.max(
      waitFor(mine, this.perKey, nowMs),
      waitFor(this.trimmed(this.all, nowMs), this.global, nowMs),
    );
  }

  /** Keys with sends still inside a window: bounded by the conversations active in the last hour. */
  get trackedKeys(): number {
    return this.sent.size;
  }

  private forgetIdle(nowMs: number): void {
    for (const [key, list] of this.sent) if (this.trimmed(list, nowMs).length === 0) this.sent.delete(key);
  }

  private trimmed(list: number[], nowMs: number): number[] {
    let drop = 0;
    while (drop < list.length && list[drop]! <= nowMs - this.longest) drop++;
    if (drop > 0) list.splice(0, drop);
    return list;
  }
}

/** Sends are appended in time order, so the n-th newest decides when a window has room again. */
function waitFor(times: number[], windows: RateWindow[], nowMs: number): number {
  let wait = 0;
  for (const w of windows) {
    if (times.length < w.limit) continue;
    const oldestInWindow = times[times.length - w.limit]!;
    const until = oldestInWindow + w.windowMs - nowMs;
    if (until > wait) wait = until;
  }
  return wait;
}
