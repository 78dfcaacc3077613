import type { MongoStore } from '../services/store/mongo/mongoStore';
import type { ApplicationDoc, OutboxMessage } from '../services/store/types';
import type { ConnectorStub } from '../test/helpers/connectorStub';

/**
 * The outbox's two figures (issue 18, item 3): how fast a backlog drains (messages delivered per
 * second, which should reach the per-app cap) and how long a message waits from enqueue to
 * delivery at a steady rate below the cap. Delivery is to the connector stub, which answers at
 * once, so these measure the bot's worker, not Teams.
 */
export interface BurstResult {
  backlog: number;
  delivered: number;
  seconds: number;
  perSecond: number;
  /** The most messages the stub accepted in any one second of the drain. */
  peakPerSecond: number;
  leftPending: number;
}

export interface SteadyResult {
  decisionsPerSecond: number;
  decisions: number;
  messages: number;
  delivered: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Waits for the backlog to drain (or `maxSeconds`), counting what the stub accepted meanwhile. */
export async function measureBurst(
  store: MongoStore,
  connector: ConnectorStub,
  maxSeconds: number,
): Promise<BurstResult> {
  const backlog = (await store.outbox.countByStatus()).pending;
  const started = Date.now();
  const firstAttempt = connector.attempts.length;
  let pending = backlog;
  while (pending > 0 && Date.now() - started < maxSeconds * 1000) {
    await sleep(250);
    pending = (await store.outbox.countByStatus()).pending;
  }
  const accepted = connector.attempts
    .slice(firstAttempt)
    .filter((a) => a.status !== undefined && a.status < 300);
  const seconds = (Date.now() - started) / 1000;
  const perSecondBuckets = new Map<number, number>();
  for (const a of accepted) {
    const s = Math.floor((a.at - started) / 1000);
    perSecondBuckets.set(s, (perSecondBuckets.get(s) ?? 0) + 1);
  }
  // The last accepted message, not the 250 ms poll after it, ends the drain.
  const last = accepted.length > 0 ? (accepted[accepted.length - 1]!.at - started) / 1000 : seconds;
  const busy = Math.max(0.001, pending === 0 ? last : seconds);
  return {
    backlog,
    delivered: accepted.length,
    seconds: Math.round(busy * 10) / 10,
    perSecond: Math.round((accepted.length / busy) * 10) / 10,
    peakPerSecond: Math.max(0, ...perSecondBuckets.values()),
    leftPending: pending,
  };
}

/**
 * Posts decisions at `perSecond` (each a different application and manager), waits for their
 * messages to be delivered, and reads each message's delay from the outbox: sentAt - createdAt,
 * where createdAt is the decision's time.
 */
export async function measureSteady(
  store: MongoStore,
  post: (app: ApplicationDoc, j: number) => Promise<unknown>,
  apps: ApplicationDoc[],
  perSecond: number,
  maxWaitSeconds: number,
): Promise<SteadyResult> {
  const started = Date.now();
  const turns: Array<Promise<unknown>> = [];
  for (let j = 0; j < apps.length; j++) {
    const due = started + (j * 1000) / perSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    turns.push(post(apps[j]!, j).catch(() => undefined));
  }
  await Promise.all(turns);
  const ids = apps.map((a) => a._id);
  const col = store.db.collection<OutboxMessage>('outbox');
  const deadline = Date.now() + maxWaitSeconds * 1000;
  let messages = await col.find({ applicationId: { $in: ids } }).toArray();
  while (messages.some((m) => m.status === 'pending') && Date.now() < deadline) {
    await sleep(250);
    messages = await col.find({ applicationId: { $in: ids } }).toArray();
  }
  const delays = messages
    .filter((m) => m.status === 'sent' && m.sentAt)
    .map((m) => m.sentAt!.getTime() - m.createdAt.getTime())
    .sort((a, b) => a - b);
  return {
    decisionsPerSecond: perSecond,
    decisions: apps.length,
    messages: messages.length,
    delivered: delays.length,
    p50Ms: percentile(delays, 50),
    p95Ms: percentile(delays, 95),
    maxMs: delays.length > 0 ? delays[delays.length - 1]! : NaN,
  };
}
