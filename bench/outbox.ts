import type { MongoStore } from '../services/store/mongo/mongoStore';
import type { OutboxMessage } from '../services/store/types';
import type { ApplicationDoc } from '../services/workflow/domain';
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
  /** The most messages the stub accepted in any one second of the drain (from its first). */
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

const countPending = (store: MongoStore) =>
  store.db.collection<OutboxMessage>('outbox').countDocuments({ status: 'pending' });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Waits (up to `maxSeconds`) for what the load runs queued to be delivered, while the runs' own
 * delivery went on beside them: how far behind the outbox was when the runs ended.
 */
export async function waitForDrain(
  store: MongoStore,
  maxSeconds: number,
): Promise<{ pendingAtEnd: number; seconds: number; leftPending: number }> {
  const started = Date.now();
  const pendingAtEnd = await countPending(store);
  let pending = pendingAtEnd;
  while (pending > 0 && Date.now() - started < maxSeconds * 1000) {
    await sleep(2000);
    pending = await countPending(store);
  }
  return { pendingAtEnd, seconds: Math.round((Date.now() - started) / 100) / 10, leftPending: pending };
}

/**
 * A backlog of `size` messages put in the outbox at once, each a copy of a message a real decision
 * queued (its card and its event), addressed round-robin to everyone in the directory: as many
 * decisions across the sites would, and never so many for one person that Teams' per-chat limits,
 * rather than the per-app limit, set the pace.
 */
export async function enqueueBacklog(
  store: MongoStore,
  from: string[],
  recipients: string[],
  size: number,
): Promise<number> {
  const col = store.db.collection<OutboxMessage>('outbox');
  const models = await col.find({ applicationId: { $in: from }, status: 'sent' }).toArray();
  if (models.length === 0) return 0;
  const now = new Date();
  const backlog: OutboxMessage[] = Array.from({ length: size }, (_, i) => {
    const m = models[i % models.length]!;
    return {
      _id: `bench-burst-${i}-${m._id}`,
      target: { kind: 'person', aadObjectId: recipients[i % recipients.length]! },
      text: m.text,
      ...(m.cardRef ? { cardRef: m.cardRef } : {}),
      ...(m.applicationId ? { applicationId: m.applicationId } : {}),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    };
  });
  await store.outbox.enqueue(backlog);
  return backlog.length;
}

/**
 * How fast a backlog of `backlog` messages drains: from the first message Teams (the stub) accepted
 * to the last, after the worker noticed them (at its next poll, as for another instance's enqueue).
 */
export async function measureBurst(
  store: MongoStore,
  connector: ConnectorStub,
  backlog: number,
  maxSeconds: number,
): Promise<BurstResult> {
  const started = Date.now();
  const firstAttempt = connector.attempts.length;
  const acceptedNow = () =>
    connector.attempts.slice(firstAttempt).filter((a) => a.status !== undefined && a.status < 300);
  // Watched at the connector stub, not by polling the outbox: on a database that scans, a poll
  // every quarter-second would be a load of its own on the worker being measured.
  while (acceptedNow().length < backlog && Date.now() - started < maxSeconds * 1000) await sleep(250);
  const pending = await countPending(store);
  const accepted = acceptedNow();
  const first = accepted[0]?.at ?? started;
  const last = accepted[accepted.length - 1]?.at ?? started;
  const busy = Math.max(0.001, (last - first) / 1000);
  const perSecondBuckets = new Map<number, number>();
  for (const a of accepted) {
    const s = Math.floor((a.at - first) / 1000);
    perSecondBuckets.set(s, (perSecondBuckets.get(s) ?? 0) + 1);
  }
  return {
    backlog,
    delivered: accepted.length,
    seconds: Math.round(busy * 10) / 10,
    perSecond: Math.round((Math.max(0, accepted.length - 1) / busy) * 10) / 10,
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
    await sleep(1000);
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
