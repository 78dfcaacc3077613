import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { OutboxMessage, OutboxTarget, Store } from '../store/types';
import { DeliveryError } from './deliveryError';
import { unreachableNotice } from './views';

export interface RetryPolicy {
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
}

/**
 * What becomes of a message Teams did not accept, by the error's disposition: retried with
 * exponential backoff (no sooner than Retry-After), its stale conversation forgotten and retried at
 * once, or failed for good with the reason — and then whoever caused it told who was not reached.
 */
export class DeliveryFailures {
  constructor(
    private readonly store: Store,
    private readonly owner: string,
    private readonly clock: Clock,
    private readonly policy: RetryPolicy,
    private readonly progress: (kind: 'retried' | 'failed') => void,
    private readonly forgetReference: (target: OutboxTarget) => void,
  ) {}

  /** Records a delivery that did not succeed: retried later, or failed for good with its reason. */
  async onFailure(message: OutboxMessage, e: unknown, log: Logger): Promise<void> {
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
          this.forgetReference(message.target);
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
    if (message.attempts + 1 >= this.policy.maxAttempts) {
      await this.fail(message, `${reason} (after ${message.attempts + 1} attempts)`, log, {});
      return;
    }
    const backoff = Math.min(this.policy.maxBackoffMs, this.policy.baseBackoffMs * 2 ** message.attempts);
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
}
