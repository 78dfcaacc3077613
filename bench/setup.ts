import os from 'node:os';
import path from 'node:path';
import { TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { MongoClient } from 'mongodb';
import type { MongoStore } from '../services/store/mongo/mongoStore';
import type { ApplicationDoc, AuditEvent } from '../services/workflow/domain';
import { DECISIONS_CHANNEL } from '../services/workflows/f17/notifications';
import type { ConnectorStub } from '../test/helpers/connectorStub';
import { baseActivity } from './activities';
import type { BenchUser } from './activities';
import type { Args } from './plan';
import { freePort, startChild } from './processes';
import type { Child } from './processes';
import type { ApplicationFactory, World } from './world';

/** What every bench mode works with, and starting the bot and the baseline as child processes. */

export interface Env {
  args: Args;
  uri: string;
  dbName: string;
  client: MongoClient;
  store: MongoStore;
  world: World;
  factory: ApplicationFactory;
  connector: ConnectorStub;
}

export async function insertBuilt(
  store: MongoStore,
  built: Array<{ app: ApplicationDoc; events: AuditEvent[] }>,
  batch = 1000,
): Promise<void> {
  const apps = store.db.collection<ApplicationDoc>('applications');
  const events = store.db.collection<AuditEvent>('events');
  for (let i = 0; i < built.length; i += batch) {
    const slice = built.slice(i, i + batch);
    await apps.insertMany(
      slice.map((b) => b.app),
      { ordered: false },
    );
    await events.insertMany(
      slice.flatMap((b) => b.events),
      { ordered: false },
    );
  }
}

/** Every person's 1:1 chat and each site's decisions channel, as the bot records them when installed. */
export async function seedConversations(env: Env): Promise<void> {
  const serviceUrl = env.connector.url;
  const refOf = (activity: Record<string, unknown>) =>
    JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity as Partial<Activity>))) as Record<
      string,
      unknown
    >;
  const people = env.world.people;
  for (let i = 0; i < people.length; i += 25) {
    await Promise.all(
      people
        .slice(i, i + 25)
        .map((p) => env.store.conversations.savePersonal(p.aadObjectId, refOf(baseActivity(serviceUrl, p)))),
    );
  }
  for (const staff of env.world.sites) {
    const channel = { id: `19:bench-decisions-${staff.site}@thread.tacv2`, type: 'channel' as const };
    await env.store.conversations.registerChannel(
      DECISIONS_CHANNEL,
      staff.site,
      refOf(baseActivity(serviceUrl, env.world.admin, channel)),
      env.world.admin.aadObjectId,
    );
  }
}

export async function startBot(env: Env, logName: string): Promise<Child> {
  const port = await freePort();
  // The build (dist/), run as `npm run start:prod` runs the bot: no TypeScript compiled at run
  // time (scripts/local-bot.ts: the development entry, which allows authentication off).
  return startChild(
    'bot',
    'dist/scripts/local-bot.js',
    {
      TAUTOKO_LOCAL_DEV: 'true',
      MicrosoftAppId: '',
      MONGODB_URI: env.uri,
      MONGODB_DB: env.dbName,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // A time-capped run's leftover turns are abandoned by a restart; no need to wait for them.
      SHUTDOWN_GRACE_MS: '1000',
    },
    port,
    path.join(os.tmpdir(), logName),
    60_000,
    env.args.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${env.args.profileDir}`] : [],
  );
}

export async function startBaseline(env: Env): Promise<Child> {
  const port = await freePort();
  return startChild(
    'baseline',
    'bench/baseline.ts',
    { BENCH_MONGODB_URI: env.uri, BENCH_DB: env.dbName, BENCH_PORT: String(port) },
    port,
    path.join(os.tmpdir(), `tautoko-bench-baseline-${process.pid}.log`),
  );
}

export function staffUser(env: Env, siteIndex: number, role: 'cm' | 'co' | 'gm', k: number): BenchUser {
  const staff = env.world.sites[siteIndex % env.world.sites.length]!;
  return staff[role][k % env.world.perRole]!;
}
