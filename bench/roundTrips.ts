import { Writable } from 'node:stream';
import { MongoClient } from 'mongodb';
import { createApp } from '../bot/app';
import { loadConfig } from '../bot/config';
import { createLogger } from '../services/logger';
import { MONGO_CLIENT_OPTIONS, MongoStore } from '../services/store/mongo/mongoStore';
import type { ApplicationDoc } from '../services/workflow/domain';
import { CommandLog } from '../test/helpers/commandLog';
import { actionActivity, messageActivity } from './activities';
import type { BenchUser } from './activities';
import { decisionData, sectionData, TURN_BUDGETS } from './turns';

/**
 * Database requests per turn and per idle second, counted with the driver's command monitoring
 * (issue 18, item 2). The bot runs in this process on a monitored client against the bench's
 * database, so every request it sends is seen; each turn is measured warm (its user spoke before),
 * with the outbox worker and scheduler off. The idle figure then starts them and counts over a
 * window. Counts, not times: they are the same on a busy machine.
 */
export interface RoundTripReport {
  perTurn: Record<string, { requests: number; budget: number; byName: Record<string, number> }>;
  idle: { windowSeconds: number; requests: number; perSecond: number; byName: Record<string, number> };
}

export interface RoundTripInput {
  uri: string;
  dbName: string;
  connectorUrl: string;
  users: { cm: BenchUser; co: BenchUser; gm: BenchUser };
  /** Two of each: the first warms the path, the second is counted. */
  apps: { status: ApplicationDoc[]; section: ApplicationDoc[]; decision: ApplicationDoc[] };
  idleWindowSeconds: number;
}

class Discard extends Writable {
  override _write(_c: Buffer, _e: string, cb: () => void): void {
    cb();
  }
}

function diff(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([k, v]) => [k, v - (before[k] ?? 0)] as const)
      .filter(([, v]) => v > 0),
  );
}

export async function measureRoundTrips(input: RoundTripInput): Promise<RoundTripReport> {
  const client = new MongoClient(input.uri, { ...MONGO_CLIENT_OPTIONS, monitorCommands: true });
  await client.connect();
  const log = new CommandLog().attach(client);
  const store = new MongoStore(client, client.db(input.dbName));
  const config = loadConfig({ TAUTOKO_LOCAL_DEV: 'true', PORT: '1', HOST: '127.0.0.1' });
  config.port = 0;
  const logger = createLogger({ level: 'warn', destination: new Discard() });
  const app = await createApp(config, { logger, store, startOutbox: false, startScheduler: false });
  const port = await app.listen();
  const post = async (activity: Record<string, unknown>) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    if (res.status !== 200 || (activity.type === 'invoke' && !text.includes('Recorded by')))
      throw new Error(`round-trip turn answered ${res.status}: ${text.slice(0, 200)}`);
  };
  const url = input.connectorUrl;
  const { cm, co, gm } = input.users;
  const turns: Array<[keyof typeof TURN_BUDGETS, (i: number) => Record<string, unknown>]> = [
    ['help', () => messageActivity(url, cm, 'help')],
    ['status', (i) => messageActivity(url, cm, `status ${input.apps.status[i]!._id}`)],
    ['myTasks', () => messageActivity(url, cm, 'my tasks')],
    ['sectionSubmit', (i) => actionActivity(url, co, sectionData(input.apps.section[i]!))],
    ['decision', (i) => actionActivity(url, gm, decisionData(input.apps.decision[i]!))],
  ];
  const report: RoundTripReport = {
    perTurn: {},
    idle: { windowSeconds: input.idleWindowSeconds, requests: 0, perSecond: 0, byName: {} },
  };
  try {
    for (const [name, activity] of turns) {
      await post(activity(0));
      const before = log.count;
      const names = log.byName();
      await post(activity(1));
      report.perTurn[name] = {
        requests: log.count - before,
        budget: TURN_BUDGETS[name],
        byName: diff(log.byName(), names),
      };
    }
  } finally {
    await app.stop();
  }
  report.idle = await measureIdle(input, config, logger);
  return report;
}

/** A bot process with its background work at the defaults and nothing to do. */
async function measureIdle(
  input: RoundTripInput,
  config: ReturnType<typeof loadConfig>,
  logger: ReturnType<typeof createLogger>,
): Promise<RoundTripReport['idle']> {
  const client = new MongoClient(input.uri, { ...MONGO_CLIENT_OPTIONS, monitorCommands: true });
  await client.connect();
  const log = new CommandLog().attach(client);
  const store = new MongoStore(client, client.db(`${input.dbName}_idle`));
  const app = await createApp(config, { logger, store });
  await app.listen();
  try {
    // Start-up (indexes, the first outbox pass and scheduler tick) is not idling.
    await new Promise((r) => setTimeout(r, 1_500));
    const before = log.count;
    const names = log.byName();
    await new Promise((r) => setTimeout(r, input.idleWindowSeconds * 1000));
    const requests = log.count - before;
    return {
      windowSeconds: input.idleWindowSeconds,
      requests,
      perSecond: Math.round((requests / input.idleWindowSeconds) * 100) / 100,
      byName: diff(log.byName(), names),
    };
  } finally {
    // Closes the client too; the caller drops the `_idle` database.
    await app.stop();
  }
}
