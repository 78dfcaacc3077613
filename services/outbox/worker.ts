import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { OutboxMessage, OutboxTarget, Store, StoredReference } from '../store/types';
import { DeliveryError } from './deliveryError';
import { DeliveryFailures } from './failures';
import { LaneScheduler } from './lanes';
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
/** Messages claimed with one query at most. */
const CLAIM_BATCH = 100;

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
  private lanes: LaneScheduler | undefined;
  /** Outcomes of sent messages still being recorded. */
  private readonly finishing = new Set<Promise<void>>();
  private readonly failures: DeliveryFailures;
  /** The conversation references of the pass in progress (see referenceFor). */
  private references = new Map<string, Promise<StoredReference | null>>();

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
    this.failures = new DeliveryFailures(
      store,
      this.owner,
      clock,
      this.opts,
      (kind) => this.progress(kind),
      (target) => this.references.delete(targetKey(target)),
    );
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
    // What is still waiting for its turn stays claimed, and is handed back below.
    if (this.lanes) this.counters.inFlight -= this.lanes.halt().length;
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
   * Claims in batches (a few database requests each) while the conversations deliver concurrently,
   * and claims again as deliveries finish, so a backlog drains at the per-app limit; holds at most
   * about two seconds of sending (`claimAhead`) so that claimed messages are not kept from others.
   */
  async drain(maxMessages = 500): Promise<number> {
    if (!(await this.holdLease())) return 0;
    // The sweep runs beside delivery, not before it: after a busy minute it has hundreds of
    // applications to look at, and what is already queued need not wait for it.
    const sweeping = this.sweep
      ? this.sweep.run().catch((e: unknown) => {
          this.logger.error({ err: e }, 'reconcile sweep failed');
          return 0;
        })
      : Promise.resolve(0);
    this.references = new Map();
    const lanes = new LaneScheduler(
      this.limiter,
      { concurrency: this.opts.concurrency, laneMax: LANE_MAX },
      (_key, m) => this.deliverClaimed(m),
    );
    this.lanes = lanes;
    /** Messages attempted in this pass. */
    const attempted = new Set<string>();
    let handled = 0;
    try {
      handled += await this.claimAndQueue(lanes, attempted, maxMessages);
      await lanes.idle();
      await Promise.all(this.finishing);
      // What the sweep queued (caught-up notifications, edits of held cards) goes out in this pass too.
      if ((await sweeping) > 0 && !this.stopped && handled < maxMessages) {
        handled += await this.claimAndQueue(lanes, attempted, maxMessages - handled);
        await lanes.idle();
        await Promise.all(this.finishing);
      }
    } finally {
      await sweeping;
      this.counters.inFlight -= lanes.halt().length;
      this.lanes = undefined;
    }
    if (handled === 0) this.lastProgressAt = this.clock.now();
    return handled;
  }

  /**
   * Claims (up to `budget` messages) and queues them while the lanes deliver, until nothing more
   * is due; returns how many it claimed.
   */
  private async claimAndQueue(lanes: LaneScheduler, attempted: Set<string>, budget: number): Promise<number> {
    let handled = 0;
    while (!this.stopped && handled < budget) {
      const room = Math.min(this.claimAhead - lanes.size, budget - handled);
      if (room <= 0) {
        await lanes.next();
        continue;
      }
      if (!(await this.holdLease())) break;
      this.wakeRequested = false;
      const claimed = await this.claimSome(room);
      if (claimed.length === 0) {
        // Nothing more due. Something enqueued in this process meanwhile is looked for at once,
        // while the pass is still delivering; otherwise the pass ends when what it holds is sent.
        if (lanes.size === 0 || !(await this.wokenOrIdle(lanes))) break;
        continue;
      }
      handled += claimed.length;
      // One retried at once (a stale conversation) comes back in the next pass, not this one.
      const again = claimed.filter((m) => attempted.has(m._id));
      for (const m of claimed) attempted.add(m._id);
      await this.queue(
        lanes,
        claimed.filter((m) => !again.includes(m)),
        again,
      );
    }
    return handled;
  }

  /** Messages held in memory at most: about two seconds at the per-app limit. */
  private get claimAhead(): number {
    return Math.max(2 * this.opts.perAppPerSecond, this.opts.concurrency);
  }

  private async claimSome(room: number): Promise<OutboxMessage[]> {
    const t = this.clock.now();
    const claimed = await this.store.outbox.claimBatch(
      this.owner,
      t,
      new Date(t.getTime() + this.opts.leaseMs),
      Math.min(room, CLAIM_BATCH),
    );
    this.counters.inFlight += claimed.length;
    return claimed;
  }

  /**
   * Into their conversations' lanes; a conversation's overflow, and messages already attempted in
   * this pass (`later`), go back to the outbox for later without counting an attempt.
   */
  private async queue(lanes: LaneScheduler, claimed: OutboxMessage[], later: OutboxMessage[]): Promise<void> {
    const busy: OutboxMessage[] = [];
    for (const m of claimed) if (!lanes.add(targetKey(m.target), m)) busy.push(m);
    lanes.pump();
    await Promise.all([...busy.map((m) => this.deferBusy(m)), ...later.map((m) => this.deferBusy(m, 0))]);
  }

  /** Waits for a wake (true: claim again) or for the lanes to empty (false: the pass is done). */
  private async wokenOrIdle(lanes: LaneScheduler): Promise<boolean> {
    while (lanes.size > 0) {
      if (this.wakeRequested) return true;
      await lanes.next();
    }
    return this.wakeRequested;
  }

  /**
   * Sends one claimed message. The conversation's next message may go as soon as Teams has
   * answered; recording the outcome (sent, retry, failed) runs on in `finishing`, written in groups.
   */
  private async deliverClaimed(message: OutboxMessage): Promise<void> {
    if (this.stopped) {
      this.counters.inFlight--; // left claimed: stop() hands it back
      return;
    }
    const log = this.logger.child({ outboxId: message._id, applicationId: message.applicationId });
    let record: () => Promise<void>;
    try {
      record = await this.deliverOne(message, log);
    } catch (e) {
      record = () => this.failures.onFailure(message, e, log);
    }
    const finishing: Promise<void> = record()
      .catch((e: unknown) =>
        this.logger.error({ err: e, outboxId: message._id }, 'outbox message could not be finished'),
      )
      .finally(() => {
        this.counters.inFlight--;
        this.finishing.delete(finishing);
      });
    this.finishing.add(finishing);
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

  /** Back to the outbox without counting an attempt, due when its conversation's lane has gone out. */
  private async deferBusy(message: OutboxMessage, delayMs?: number): Promise<void> {
    const perSecond = this.opts.perConversation[0]?.limit ?? 7;
    const wait = delayMs ?? Math.ceil(((LANE_MAX + 1) / perSecond) * 1000);
    const later = new Date(this.clock.now().getTime() + wait);
    try {
      await this.store.outbox.defer(message._id, this.owner, later);
      this.counters.deferred++;
    } finally {
      this.counters.inFlight--;
    }
  }

  /** Sends (or edits) one message; returns how to record that it was delivered. */
  private async deliverOne(message: OutboxMessage, log: Logger): Promise<() => Promise<void>> {
    const reference = await this.referenceFor(message.target);
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
    const at = this.clock.now();
    return async () => {
      try {
        await this.store.outbox.markSent(message._id, this.owner, at, activityId);
      } catch (e) {
        return this.failures.onFailure(message, e, log);
      }
      this.progress('delivered');
      log.info(
        { attempts: message.attempts + 1, updated: Boolean(thread), activityId },
        'outbox message delivered',
      );
    };
  }

  private progress(kind: 'delivered' | 'retried' | 'failed'): void {
    this.counters[kind]++;
    this.lastProgressAt = this.clock.now();
  }

  private async referenceFor(target: OutboxTarget): Promise<StoredReference> {
    const cache = this.references;
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
