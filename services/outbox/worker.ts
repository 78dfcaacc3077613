import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { OutboxMessage, OutboxTarget, Store, StoredReference } from '../store/types';
import { SlidingWindowLimiter } from './rateLimiter';

/** How a message reaches Teams; the bot layer implements it over the adapter. */
export interface Delivery {
  /** Sends a new message; returns the id Teams gave it. */
  send(reference: StoredReference, message: OutboxMessage): Promise<string | undefined>;
  /** Replaces an earlier message in place (same conversation). */
  update(reference: StoredReference, activityId: string, message: OutboxMessage): Promise<void>;
}

/** A delivery error the connector told us about: status code and any Retry-After, in seconds. */
export interface DeliveryFailure {
  statusCode?: number;
  retryAfterSeconds?: number;
}

export interface OutboxWorkerOptions {
  pollMs: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  leaseMs?: number;
  perConversationPerSecond?: number;
  perAppPerSecond?: number;
}

const LEASE_NAME = 'outbox-worker';

/**
 * Delivers the outbox. One worker across all bot processes holds the lease at a time (so rate
 * limits are counted in one place and nothing is sent twice); each message is also claimed
 * atomically. 429 and 5xx are retried with exponential backoff and jitter, honouring
 * Retry-After; after the last attempt a message is marked failed and shown to admins.
 */
export class OutboxWorker {
  readonly owner = `worker-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly limiter: SlidingWindowLimiter;
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly store: Store,
    private readonly delivery: Delivery,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxWorkerOptions,
  ) {
    this.limiter = new SlidingWindowLimiter(
      options.perConversationPerSecond ?? 7,
      options.perAppPerSecond ?? 30,
    );
    this.maxAttempts = options.maxAttempts ?? 6;
    this.baseBackoffMs = options.baseBackoffMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  start(): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.drain()
        .then(() => undefined)
        .catch((e: unknown) => this.logger.error({ err: e }, 'outbox pass failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs);
        });
    };
    loop();
  }

  /** Stops polling, waits for the pass in flight, and hands back the lease and any claimed messages. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.store.outbox.releaseAll(this.owner).catch(() => 0);
    await this.store.leases.release(LEASE_NAME, this.owner).catch(() => undefined);
  }

  /** Delivers everything due now; returns how many messages it handled. */
  async drain(maxMessages = 500): Promise<number> {
    const now = this.clock.now();
    if (
      !(await this.store.leases.acquire(LEASE_NAME, this.owner, now, new Date(now.getTime() + this.leaseMs)))
    )
      return 0;
    let handled = 0;
    while (!this.stopped && handled < maxMessages) {
      const t = this.clock.now();
      const message = await this.store.outbox.claimNext(this.owner, t, new Date(t.getTime() + this.leaseMs));
      if (!message) break;
      await this.deliverOne(message);
      handled++;
      if (handled % 50 === 0) {
        const n = this.clock.now();
        await this.store.leases.acquire(LEASE_NAME, this.owner, n, new Date(n.getTime() + this.leaseMs));
      }
    }
    return handled;
  }

  private async deliverOne(message: OutboxMessage): Promise<void> {
    const log = this.logger.child({ outboxId: message._id, applicationId: message.applicationId });
    const reference = await this.referenceFor(message.target);
    if (!reference) {
      // Nobody can be messaged before they have opened a chat with the bot (or the channel is registered).
      return this.retryOrFail(message, 'no conversation with this recipient yet', undefined, log);
    }
    const conversationId = String((reference.conversation as { id?: unknown } | undefined)?.id ?? 'unknown');
    for (;;) {
      const wait = this.limiter.reserve(conversationId, Date.now());
      if (wait === 0) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    try {
      const thread = message.threadKey ? await this.store.outbox.threadActivity(message.threadKey) : null;
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
      log.info({ attempts: message.attempts + 1, updated: Boolean(thread) }, 'outbox message delivered');
    } catch (e) {
      const failure = describeFailure(e);
      const retryable =
        failure.statusCode === undefined || failure.statusCode === 429 || failure.statusCode >= 500;
      if (!retryable) {
        await this.store.outbox.markFailed(message._id, this.owner, `HTTP ${failure.statusCode}`);
        log.error({ statusCode: failure.statusCode }, 'outbox message failed permanently');
        return;
      }
      await this.retryOrFail(
        message,
        failure.statusCode ? `HTTP ${failure.statusCode}` : 'network error',
        failure.retryAfterSeconds,
        log,
      );
    }
  }

  private async retryOrFail(
    message: OutboxMessage,
    reason: string,
    retryAfterSeconds: number | undefined,
    log: Logger,
  ): Promise<void> {
    if (message.attempts + 1 >= this.maxAttempts) {
      await this.store.outbox.markFailed(message._id, this.owner, reason);
      log.error({ reason, attempts: message.attempts + 1 }, 'outbox message failed after retries');
      return;
    }
    const backoff = this.baseBackoffMs * 2 ** message.attempts;
    const jitter = Math.random() * backoff * 0.3;
    const delay = Math.max(retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 0, backoff + jitter);
    await this.store.outbox.markRetry(
      message._id,
      this.owner,
      new Date(this.clock.now().getTime() + delay),
      reason,
    );
    log.warn(
      { reason, attempts: message.attempts + 1, delayMs: Math.round(delay) },
      'outbox message will be retried',
    );
  }

  private async referenceFor(target: OutboxTarget): Promise<StoredReference | null> {
    return target.kind === 'person'
      ? this.store.conversations.getPersonal(target.aadObjectId)
      : this.store.conversations.getChannel(target.purpose, target.site);
  }
}

/** Reads the status code and Retry-After from botframework-connector's RestError shape. */
export function describeFailure(e: unknown): DeliveryFailure {
  if (typeof e !== 'object' || e === null) return {};
  const err = e as {
    statusCode?: unknown;
    response?: { status?: unknown; headers?: { get?: (n: string) => unknown } & Record<string, unknown> };
  };
  const statusCode =
    typeof err.statusCode === 'number'
      ? err.statusCode
      : typeof err.response?.status === 'number'
        ? err.response.status
        : undefined;
  const headers = err.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : headers?.['retry-after'];
  const retryAfterSeconds =
    raw !== undefined && raw !== null && !Number.isNaN(Number(raw)) ? Number(raw) : undefined;
  return {
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}
