import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { OutboxMessage, OutboxTarget, Store, StoredReference } from '../store/types';
import { DeliveryError } from './deliveryError';
import { unreachableNotice } from './views';
import { SlidingWindowLimiter, TEAMS_PER_CONVERSATION } from './rateLimiter';
import type { RateWindow } from './rateLimiter';

/**
 * How a message reaches Teams; the bot layer implements it over the connector. Each call either
 * returns what Teams said or throws a `DeliveryError` (anything else is treated as retryable).
 */
export interface Delivery {
  /** Sends a new message; returns the id Teams gave it. */
  send(reference: StoredReference, message: OutboxMessage): Promise<string | undefined>;
  /** Replaces an earlier message in place (same conversation). */
  update(reference: StoredReference, activityId: string, message: OutboxMessage): Promise<void>;
  /**
   * Opens a 1:1 conversation with someone who has none (installs the app for them); returns the
   * reference to deliver to. Absent when the deployment cannot (no Graph configuration).
   */
  reach?(aadObjectId: string): Promise<StoredReference>;
}

export interface OutboxWorkerOptions {
  /** How often an idle worker looks for due messages (an enqueue in this process wakes it at once). */
  pollMs: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  leaseMs?: number;
  perConversation?: RateWindow[];
  /** Teams' per-app-per-tenant limit: 50 a second (30 on older guidance). */
  perAppPerSecond?: number;
  /** Conversations delivered to at the same time. */
  concurrency?: number;
  /** Work due this long ago and still pending means the outbox is stuck. */
  stuckAfterMs?: number;
}

export interface OutboxStats {
  delivered: number;
  retried: number;
  failed: number;
  deferred: number;
  /** Last time a message was finished (sent, failed or rescheduled) or the queue was found empty. */
  lastProgressAt: Date;
  /** Messages currently claimed by this worker. */
  inFlight: number;
}

const LEASE_NAME = 'outbox-worker';
const WINDOW_SLACK_MS = 50;
/** A conversation's queue in memory; beyond it, messages go back to the outbox for later. */
const LANE_MAX = 8;

/**
 * Delivers the outbox. One worker across all bot processes holds the lease at a time (so rate
 * limits are counted in one place); each message is also claimed on its own. Conversations are
 * delivered to concurrently, each in order within Teams' limits, so one busy conversation does not
 * hold up the others. Nothing is marked sent unless Teams accepted it; a send that timed out may
 * still have arrived, so delivery is at least once.
 */
export class OutboxWorker {
  readonly owner = `worker-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private started = false;
  private wakeRequested = false;
  private leaseHeldUntil = 0;
  private lastStuckCheck = 0;
  private readonly limiter: SlidingWindowLimiter;
  private readonly opts: Required<OutboxWorkerOptions>;
  private readonly counters = { delivered: 0, retried: 0, failed: 0, deferred: 0, inFlight: 0 };
  private lastProgressAt: Date;
  private sweep: { run(): Promise<number> } | undefined;

  constructor(
    private readonly store: Store,
    private readonly delivery: Delivery,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: OutboxWorkerOptions,
  ) {
    this.opts = {
      maxAttempts: 6,
      baseBackoffMs: 1000,
      maxBackoffMs: 10 * 60_000,
      leaseMs: 30_000,
      perConversation: TEAMS_PER_CONVERSATION,
      perAppPerSecond: 50,
      concurrency: 16,
      stuckAfterMs: 5 * 60_000,
      ...options,
    };
    // Teams counts when a request arrives, we when it leaves: a little slack keeps jitter from a 429.
    const slack = (w: RateWindow) => ({ limit: w.limit, windowMs: w.windowMs + WINDOW_SLACK_MS });
    this.limiter = new SlidingWindowLimiter(this.opts.perConversation.map(slack), [
      slack({ limit: this.opts.perAppPerSecond, windowMs: 1000 }),
    ]);
    this.lastProgressAt = clock.now();
  }

  stats(): OutboxStats {
    return { ...this.counters, lastProgressAt: this.lastProgressAt };
  }

  start(): void {
    this.stopped = false;
    this.started = true;
    this.schedule(0);
  }

  /** Delivers soon: called when this process has just enqueued something. */
  wake(): void {
    if (this.stopped || !this.started) return;
    if (this.running) this.wakeRequested = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pass(), delayMs);
  }

  private pass(): void {
    if (this.stopped) return;
    this.timer = undefined;
    this.wakeRequested = false;
    this.running = this.drain()
      .then((n) => this.checkStuckNow().then(() => n))
      .catch((e: unknown) => {
        this.logger.error({ err: e }, 'outbox pass failed');
        return 0;
      })
      .then((n) => {
        this.running = undefined;
        if (this.stopped) return;
        // More may be due at once (a full pass, or an enqueue while we were busy); otherwise poll slowly.
        this.schedule(n > 0 || this.wakeRequested ? 0 : this.opts.pollMs);
      });
  }

  /** Stops polling, waits for the pass in flight, and hands back the lease and any claimed messages. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.store.outbox.releaseAll(this.owner).catch(() => 0);
    await this.store.leases.release(LEASE_NAME, this.owner).catch(() => undefined);
    this.leaseHeldUntil = 0;
  }

  /** Runs the reconcile sweep with each pass, under the lease (see ReconcileSweep). */
  useSweep(sweep: { run(): Promise<number> }): void {
    this.sweep = sweep;
  }

  /**
   * Delivers everything due now (up to `maxMessages`); returns how many messages it handled. Runs
   * the reconcile sweep first, which may add edits of held cards and caught-up notifications.
   */
  async drain(maxMessages = 500): Promise<number> {
    if (!(await this.holdLease())) return 0;
    if (this.sweep)
      await this.sweep.run().catch((e: unknown) => this.logger.error({ err: e }, 'reconcile sweep failed'));
    const lanes = new Map<string, OutboxMessage[]>();
    const running = new Set<Promise<void>>();
    const references = new Map<string, Promise<StoredReference | null>>();
    let handled = 0;
    while (!this.stopped && handled < maxMessages) {
      if (running.size >= this.opts.concurrency) {
        await Promise.race(running);
        continue;
      }
      if (!(await this.holdLease())) break;
      const t = this.clock.now();
      const message = await this.store.outbox.claimNext(
        this.owner,
        t,
        new Date(t.getTime() + this.opts.leaseMs),
      );
      if (!message) break;
      handled++;
      this.counters.inFlight++;
      const key = targetKey(message.target);
      const lane = lanes.get(key);
      if (lane && lane.length >= LANE_MAX) {
        await this.deferBusy(message, lane.length);
        continue;
      }
      if (lane) {
        lane.push(message);
        continue;
      }
      const queue = [message];
      lanes.set(key, queue);
      const run: Promise<void> = this.runLane(key, queue, references).finally(() => {
        lanes.delete(key);
        running.delete(run);
      });
      running.add(run);
    }
    await Promise.all(running);
    if (handled === 0) this.lastProgressAt = this.clock.now();
    return handled;
  }

  /** Renews the lease when less than half of it is left; one database round trip at most. */
  private async holdLease(): Promise<boolean> {
    const nowMs = this.clock.now().getTime();
    if (this.leaseHeldUntil - nowMs > this.opts.leaseMs / 2) return true;
    const until = nowMs + this.opts.leaseMs;
    const ok = await this.store.leases.acquire(LEASE_NAME, this.owner, new Date(nowMs), new Date(until));
    this.leaseHeldUntil = ok ? until : 0;
    return ok;
  }

  /** One conversation's messages, in order, each when Teams' limits allow. */
  private async runLane(
    key: string,
    queue: OutboxMessage[],
    references: Map<string, Promise<StoredReference | null>>,
  ): Promise<void> {
    for (let message = queue.shift(); message; message = queue.shift()) {
      try {
        if (this.stopped) continue; // left claimed: stop() hands it back
        let wait = this.limiter.reserve(key, Date.now());
        while (wait > 0 && !this.stopped) {
          await sleep(wait);
          wait = this.limiter.reserve(key, Date.now());
        }
        if (this.stopped) continue;
        await this.deliverOne(message, references);
      } catch (e) {
        this.logger.error({ err: e, outboxId: message._id }, 'outbox message could not be finished');
      } finally {
        this.counters.inFlight--;
      }
    }
  }

  private async deferBusy(message: OutboxMessage, queued: number): Promise<void> {
    const perSecond = this.opts.perConversation[0]?.limit ?? 7;
    const later = new Date(this.clock.now().getTime() + Math.ceil(((queued + 1) / perSecond) * 1000));
    try {
      await this.store.outbox.defer(message._id, this.owner, later);
      this.counters.deferred++;
    } finally {
      this.counters.inFlight--;
    }
  }

  private async deliverOne(
    message: OutboxMessage,
    references: Map<string, Promise<StoredReference | null>>,
  ): Promise<void> {
    const log = this.logger.child({ outboxId: message._id, applicationId: message.applicationId });
    try {
      const reference = await this.referenceFor(message.target, references);
      const thread = message.updateOf
        ? { activityId: message.updateOf }
        : message.threadKey
          ? await this.store.outbox.threadActivity(message.threadKey)
          : null;
      let activityId: string | undefined;
      if (thread) {
        await this.delivery.update(reference, thread.activityId, message);
        activityId = thread.activityId;
      } else {
        activityId = await this.delivery.send(reference, message);
        if (message.threadKey && activityId)
          await this.store.outbox.saveThreadActivity(message.threadKey, message.target, activityId);
      }
      await this.store.outbox.markSent(message._id, this.owner, this.clock.now(), activityId);
      this.progress('delivered');
      log.info(
        { attempts: message.attempts + 1, updated: Boolean(thread), activityId },
        'outbox message delivered',
      );
    } catch (e) {
      await this.onFailure(message, e, references, log);
    }
  }

  private async onFailure(
    message: OutboxMessage,
    e: unknown,
    references: Map<string, Promise<StoredReference | null>>,
    log: Logger,
  ): Promise<void> {
    const error =
      e instanceof DeliveryError
        ? e
        : new DeliveryError(`internal error (${e instanceof Error ? e.name : 'unknown'})`, {
            disposition: 'retry',
          });
    if (!(e instanceof DeliveryError)) log.error({ err: e }, 'outbox delivery raised an unexpected error');
    const fields = { statusCode: error.statusCode, subCode: error.subCode, reason: error.reason };
    switch (error.disposition) {
      case 'retry':
        return this.retryOrFail(message, error.reason, error.retryAfterSeconds, log);
      case 'gone':
        // An edit of a card that is no longer there: nothing to edit, and the chat itself may be fine.
        if (message.updateOf)
          return this.fail(message, `${error.reason}: the card to edit is gone`, log, fields);
        if (message.target.kind === 'person') {
          // The conversation is gone: forget it, and the next attempt re-establishes it.
          await this.store.conversations.removePersonal(message.target.aadObjectId);
          references.delete(targetKey(message.target));
          log.warn(fields, 'stale conversation reference dropped');
          return this.retryOrFail(message, error.reason, 0, log, true);
        }
        return this.fail(
          message,
          `${error.reason}: the registered channel no longer exists; register it again`,
          log,
          fields,
        );
      case 'blocked':
      case 'refused':
        return this.fail(message, error.reason, log, fields);
    }
  }

  private async fail(message: OutboxMessage, reason: string, log: Logger, fields: object): Promise<void> {
    await this.store.outbox.markFailed(message._id, this.owner, reason);
    this.progress('failed');
    log.error({ ...fields, reason, attempts: message.attempts + 1 }, 'outbox message failed');
    await this.tellRequester(message, reason).catch((e: unknown) =>
      log.error({ err: e }, 'could not tell the requester about an undelivered message'),
    );
  }

  /** Whoever caused a message that cannot reach a person is told who was not reached, and why. */
  private async tellRequester(message: OutboxMessage, reason: string): Promise<void> {
    if (message.target.kind !== 'person' || !message.requestedBy) return;
    const who = await this.store.people.get(message.target.aadObjectId);
    const notice = unreachableNotice(message, who?.name, reason, this.clock.now());
    if (notice) await this.store.outbox.enqueue([notice]);
  }

  private async retryOrFail(
    message: OutboxMessage,
    reason: string,
    retryAfterSeconds: number | undefined,
    log: Logger,
    immediately = false,
  ): Promise<void> {
    if (message.attempts + 1 >= this.opts.maxAttempts) {
      await this.fail(message, `${reason} (after ${message.attempts + 1} attempts)`, log, {});
      return;
    }
    const backoff = Math.min(this.opts.maxBackoffMs, this.opts.baseBackoffMs * 2 ** message.attempts);
    const jitter = Math.random() * backoff * 0.3;
    const delay = immediately
      ? 0
      : Math.max(retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 0, backoff + jitter);
    await this.store.outbox.markRetry(
      message._id,
      this.owner,
      new Date(this.clock.now().getTime() + delay),
      reason,
    );
    this.progress('retried');
    log.warn(
      { reason, attempts: message.attempts + 1, delayMs: Math.round(delay) },
      'outbox message will be retried',
    );
  }

  private progress(kind: 'delivered' | 'retried' | 'failed'): void {
    this.counters[kind]++;
    this.lastProgressAt = this.clock.now();
  }

  private async referenceFor(
    target: OutboxTarget,
    cache: Map<string, Promise<StoredReference | null>>,
  ): Promise<StoredReference> {
    const key = targetKey(target);
    let found = cache.get(key);
    if (!found) {
      found =
        target.kind === 'person'
          ? this.store.conversations.getPersonal(target.aadObjectId)
          : this.store.conversations.getChannel(target.purpose, target.site);
      cache.set(key, found);
    }
    const reference = await found.catch((e: unknown) => {
      cache.delete(key);
      throw e;
    });
    if (reference) return reference;
    cache.delete(key);
    if (target.kind === 'channel')
      throw new DeliveryError(`no channel is registered for ${target.purpose} at ${target.site}`, {
        disposition: 'retry',
      });
    if (!this.delivery.reach)
      throw new DeliveryError('no conversation with this recipient yet', { disposition: 'retry' });
    const reached = this.delivery.reach(target.aadObjectId);
    cache.set(key, reached);
    return reached;
  }

  /** At most twice per `stuckAfterMs`: the check is a database query. */
  private async checkStuckNow(): Promise<void> {
    const nowMs = this.clock.now().getTime();
    if (nowMs - this.lastStuckCheck < this.opts.stuckAfterMs / 2) return;
    this.lastStuckCheck = nowMs;
    await this.checkStuck();
  }

  /** Due work waiting longer than `stuckAfterMs` means the outbox is stuck: logged as an error. */
  async checkStuck(): Promise<{ count: number; oldestDueAt?: Date }> {
    const now = this.clock.now();
    const overdue = await this.store.outbox.overdue(new Date(now.getTime() - this.opts.stuckAfterMs));
    if (overdue.count > 0)
      this.logger.error(
        { overdue: overdue.count, oldestDueAt: overdue.oldestDueAt, lastProgressAt: this.lastProgressAt },
        'outbox stuck: messages are overdue and not being delivered',
      );
    return overdue;
  }
}

export function targetKey(target: OutboxTarget): string {
  return target.kind === 'person'
    ? `person:${target.aadObjectId}`
    : `channel:${target.purpose}|${target.site}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
