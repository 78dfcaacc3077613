import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { MongoClient } from 'mongodb';
import { answers, decisionInput } from '../test/fixtures/f17';
import { MONGO_CLIENT_OPTIONS, MongoStore } from '../services/store/mongo/mongoStore';
import type { ApplicationDoc, AuditEvent } from '../services/store/types';
import { DECISIONS_CHANNEL } from '../services/workflows/f17/notifications';
import { ConnectorStub } from '../test/helpers/connectorStub';
import { actionActivity, baseActivity, messageActivity } from './activities';
import type { BenchUser } from './activities';
import { summarisePlan } from './explain';
import type { PlanSummary } from './explain';
import { runLoad, rssMb } from './load';
import type { LoadResult } from './load';
import { measureBurst, measureSteady } from './outbox';
import type { BurstResult, SteadyResult } from './outbox';
import { freePort, ROOT, settle, startChild } from './processes';
import { summariseProfiles } from './profile';
import type { ProfileSummary } from './profile';
import { measureRoundTrips } from './roundTrips';
import type { RoundTripReport } from './roundTrips';
import type { Child } from './processes';
import { ApplicationFactory, applicationId, buildWorld } from './world';
import type { Progress, World } from './world';

/**
 * `npm run bench [-- --quick | --scale]`: latency, throughput and memory of the bot against
 * MongoDB, each figure beside a bare baseline measured in the same run; `--scale` measures the
 * read turns at two database sizes and prints the query plans. Prints a table and writes
 * bench/results/<date>-<commit>[-mode].json. Loopback only; every load run is bounded in
 * requests and seconds. Not part of the test command: it prints figures, it asserts nothing.
 */

type Mode = 'quick' | 'full' | 'scale';

interface Args {
  mode: Mode;
  quick: boolean;
  sizes: number[];
  keep: boolean;
  /** `--profile`: the bot runs under `node --cpu-prof`, its profiles written here. */
  profileDir: string | undefined;
}

function parseArgs(argv: string[]): Args {
  const quick = argv.includes('--quick');
  const scale = argv.includes('--scale');
  const sizesArg = argv.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg
    ? sizesArg
        .slice('--sizes='.length)
        .split(',')
        .map((s) => Number(s))
    : quick
      ? [1_000, 10_000]
      : [10_000, 100_000];
  if (
    sizes.length !== 2 ||
    sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 1_000_000) ||
    sizes[0]! >= sizes[1]!
  ) {
    fail('--sizes takes two increasing whole numbers from 100 to 1000000, e.g. --sizes=10000,100000');
  }
  for (const a of argv) {
    if (!['--quick', '--scale', '--keep', '--profile'].includes(a) && !a.startsWith('--sizes='))
      fail(`unknown option ${a}; use --quick, --scale, --sizes=a,b, --keep, --profile`);
  }
  return {
    mode: scale ? 'scale' : quick ? 'quick' : 'full',
    quick,
    sizes,
    keep: argv.includes('--keep'),
    profileDir: argv.includes('--profile')
      ? mkdtempSync(path.join(os.tmpdir(), 'tautoko-bench-profile-'))
      : undefined,
  };
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

// ------------------------------------------------------------------ the load plan

const CONNECTIONS = [1, 10, 100] as const;

interface Plan {
  /** Requests per connection level, per scenario. */
  counts: Record<Scenario, Record<(typeof CONNECTIONS)[number], number>>;
  /**
   * A safety cap per run, not the measure: runs are sized by request count so that they finish and
   * every request's latency counts. A run that hits it is reported and the bot restarted.
   */
  maxSeconds: number;
  /** Applications the status requests read, round-robin. */
  statusApplications: number;
  /** How long to wait after the decision runs for the outbox worker to drain what they queued. */
  outboxWaitSeconds: number;
  /** Decisions posted at 2 a second to measure enqueue-to-delivery delay below the per-app cap. */
  steadyDecisions: number;
  /** The window over which an idle process's requests are counted (a scheduler tick is 60 s). */
  idleWindowSeconds: number;
}

type Scenario = 'status' | 'section' | 'decision';

const PLANS: Record<'quick' | 'full', Plan> = {
  quick: {
    counts: {
      status: { 1: 5, 10: 20, 100: 100 },
      section: { 1: 3, 10: 10, 100: 100 },
      decision: { 1: 3, 10: 10, 100: 100 },
    },
    statusApplications: 5,
    maxSeconds: 240,
    outboxWaitSeconds: 60,
    steadyDecisions: 20,
    idleWindowSeconds: 12,
  },
  full: {
    counts: {
      status: { 1: 200, 10: 1000, 100: 2000 },
      section: { 1: 100, 10: 400, 100: 1000 },
      decision: { 1: 60, 10: 300, 100: 800 },
    },
    statusApplications: 200,
    maxSeconds: 300,
    outboxWaitSeconds: 60,
    steadyDecisions: 60,
    idleWindowSeconds: 65,
  },
};

const SCENARIO_TEXT: Record<Scenario, string> = {
  status: '`status <id>` message (read path; card sent to the connector stub)',
  section:
    'F.17 unit section Submit via Action.Execute (write path: validation, versioned update, audit event, card returned); a different consent-recorded application per request',
  decision:
    'F.17 Approve via Action.Execute (write path + outbox entries); a different application at the decision stage per request',
};

// ------------------------------------------------------------------ set-up helpers

interface Env {
  args: Args;
  uri: string;
  dbName: string;
  client: MongoClient;
  store: MongoStore;
  world: World;
  factory: ApplicationFactory;
  connector: ConnectorStub;
}

async function insertBuilt(
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
async function seedConversations(env: Env): Promise<void> {
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

async function startBot(env: Env, logName: string): Promise<Child> {
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

async function startBaseline(env: Env): Promise<Child> {
  const port = await freePort();
  return startChild(
    'baseline',
    'bench/baseline.ts',
    { BENCH_MONGODB_URI: env.uri, BENCH_DB: env.dbName, BENCH_PORT: String(port) },
    port,
    path.join(os.tmpdir(), `tautoko-bench-baseline-${process.pid}.log`),
  );
}

function staffUser(env: Env, siteIndex: number, role: 'cm' | 'co' | 'gm', k: number): BenchUser {
  const staff = env.world.sites[siteIndex % env.world.sites.length]!;
  return staff[role][k % env.world.perRole]!;
}

// ------------------------------------------------------------------ load mode

interface Cell {
  scenario: Scenario;
  connections: number;
  bot: LoadResult;
  baseline: LoadResult;
  ratio: { p50: number; p95: number; p99: number; reqPerSec: number };
  /** Write paths: applications the runs actually changed, read back from the database. */
  applied?: number;
  /** Activities the bot sent to the connector stub during the run (replies and outbox deliveries). */
  connectorCalls: number;
  /** The run hit its time cap, so the bot was restarted before the next one. */
  restarted: boolean;
}

const ratio = (a: number, b: number) =>
  b > 0 && Number.isFinite(a) && Number.isFinite(b) ? Math.round((a / b) * 100) / 100 : NaN;

async function loadMode(env: Env, plan: Plan, report: Record<string, unknown>): Promise<void> {
  const { factory, store } = env;
  let n = 0;
  /** `count` assessments at `progress`, spread over the sites (or all at `site`). */
  const prepare = async (count: number, progress: Progress, site?: number) => {
    const built = [];
    const start = Date.now() - 3 * 24 * 3_600_000;
    for (let i = 0; i < count; i++, n++)
      built.push(
        factory.build(
          n,
          progress,
          site ?? n % env.world.sites.length,
          `PRN-${n}`,
          new Date(start + n * 1000),
        ),
      );
    await insertBuilt(store, built);
    return built.map((b) => b.app);
  };
  const t0 = Date.now();
  const statusApps = await prepare(plan.statusApplications, 'readyForReview');
  const sectionApps: Record<number, ApplicationDoc[]> = {};
  const decisionApps: Record<number, ApplicationDoc[]> = {};
  for (const c of CONNECTIONS) {
    sectionApps[c] = await prepare(plan.counts.section[c], 'consented');
    decisionApps[c] = await prepare(plan.counts.decision[c], 'awaitingDecision');
  }
  const warmApps = { section: await prepare(2, 'consented'), decision: await prepare(2, 'awaitingDecision') };
  const tripApps = {
    status: await prepare(2, 'readyForReview', 0),
    section: await prepare(2, 'consented', 0),
    decision: await prepare(2, 'awaitingDecision', 0),
  };
  const steadyApps = await prepare(plan.steadyDecisions, 'awaitingDecision');
  out(`prepared ${n} F.17 assessments (with audit events) in ${Date.now() - t0} ms`);
  report.databaseBefore = await databaseSize(store);
  out(`database before the runs: ${describeSize(report.databaseBefore as DatabaseSize)}`);
  const trips = await measureRoundTrips({
    uri: env.uri,
    dbName: env.dbName,
    connectorUrl: env.connector.url,
    users: {
      cm: staffUser(env, 0, 'cm', 0),
      co: staffUser(env, 0, 'co', 0),
      gm: staffUser(env, 0, 'gm', 0),
    },
    apps: tripApps,
    idleWindowSeconds: plan.idleWindowSeconds,
  });
  await env.client.db(`${env.dbName}_idle`).dropDatabase();
  report.roundTrips = trips;
  printRoundTrips(trips);

  const url = env.connector.url;
  /** Request j of a scenario, by the j-th distinct user at the application's site (100 per role). */
  const bodyFor = (scenario: Scenario, app: ApplicationDoc, j: number): string => {
    const site = Number(app.site.slice(-2));
    const k = Math.floor(j / env.world.sites.length);
    if (scenario === 'status')
      return JSON.stringify(messageActivity(url, staffUser(env, site, 'cm', k), `status ${app._id}`));
    const data =
      scenario === 'section'
        ? {
            card: 'f17.section',
            applicationId: app._id,
            version: app.version,
            command: 'f17.submitSection',
            args: { section: 'unit' },
            params: { section: 'unit' },
            ...answers.unit,
          }
        : {
            card: 'f17.decision',
            applicationId: app._id,
            version: app.version,
            command: 'f17.decide',
            args: { outcome: 'approved' },
            ...decisionInput,
          };
    return JSON.stringify(
      actionActivity(url, staffUser(env, site, scenario === 'section' ? 'co' : 'gm', k), data),
    );
  };

  const baseline = await startBaseline(env);
  let bot = await startBot(env, `tautoko-bench-bot-${process.pid}.log`);
  const firstStartupMs = bot.startupMs;
  const readyRss = rssMb(bot.pid);
  out(
    `bot ready in ${bot.startupMs} ms (baseline ${baseline.startupMs} ms); RSS at ready ${readyRss ?? '?'} MB`,
  );
  const cells: Cell[] = [];
  let idleRss: number | undefined;
  try {
    // Warm-up, not measured: the first turns load modules and compile hot paths.
    const warm = async (target: string, scenario: Scenario, app: ApplicationDoc, j: number) => {
      await fetch(`${target}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodyFor(scenario, app, j),
        signal: AbortSignal.timeout(60_000),
      }).catch((e: unknown) => out(`  warm-up ${scenario} request failed: ${(e as Error).message}`));
    };
    await warm(baseline.url, 'status', statusApps[0]!, 0);
    await warm(bot.url, 'status', statusApps[0]!, 0);
    await warm(bot.url, 'section', warmApps.section[0]!, 0);
    await warm(bot.url, 'decision', warmApps.decision[0]!, 0);
    let warmIndex = 1;
    await settle(bot.pid, 15_000);
    idleRss = rssMb(bot.pid);
    env.connector.clear();
    // Enqueue-to-delivery delay at a steady 2 decisions a second, on an empty outbox.
    const steady = await measureSteady(
      store,
      (app, j) =>
        fetch(`${bot.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: bodyFor('decision', app, j),
          signal: AbortSignal.timeout(60_000),
        }),
      steadyApps,
      2,
      plan.outboxWaitSeconds,
    );
    out(
      `  outbox steady: ${steady.decisions} decisions at ${steady.decisionsPerSecond}/s queued ${steady.messages} messages, ${steady.delivered} delivered; enqueue-to-delivery p50 ${steady.p50Ms} ms, p95 ${steady.p95Ms} ms, max ${steady.maxMs} ms`,
    );
    for (const scenario of ['status', 'section', 'decision'] as const) {
      for (const c of CONNECTIONS) {
        const count = plan.counts[scenario][c];
        const apps =
          scenario === 'status' ? statusApps : (scenario === 'section' ? sectionApps : decisionApps)[c]!;
        const bodies = Array.from({ length: count }, (_, j) => bodyFor(scenario, apps[j % apps.length]!, j));
        const ids = scenario === 'status' ? [] : apps.slice(0, count).map((a) => a._id);
        const accept = scenario === 'status' ? undefined : (body: string) => body.includes('Recorded by');
        const base = await runLoad({
          url: `${baseline.url}/api/messages`,
          connections: c,
          bodies,
          maxSeconds: plan.maxSeconds,
          pid: baseline.pid,
        });
        await settle(bot.pid, 10_000);
        env.connector.clear();
        const measured = await runLoad({
          url: `${bot.url}/api/messages`,
          connections: c,
          bodies,
          maxSeconds: plan.maxSeconds,
          pid: bot.pid,
          ...(accept ? { accept } : {}),
        });
        const connectorCalls = env.connector.calls.length;
        env.connector.clear();
        // Turns still in flight after a time-capped run would land in the next one: start afresh.
        const restarted = measured.stoppedByTime;
        if (restarted) {
          await bot.stop();
          bot = await startBot(env, `tautoko-bench-bot-${process.pid}-${cells.length}.log`);
          await warm(bot.url, 'status', statusApps[warmIndex % statusApps.length]!, warmIndex++);
          out(
            `  (${scenario} c=${c} hit the ${plan.maxSeconds} s cap; bot restarted in ${bot.startupMs} ms)`,
          );
        }
        let applied: number | undefined;
        if (ids.length > 0) {
          const prepared =
            scenario === 'section' ? sectionApps[c]![0]!.version : decisionApps[c]![0]!.version;
          applied = await store.db
            .collection('applications')
            .countDocuments({ _id: { $in: ids } as never, version: { $gt: prepared } });
        }
        const cell: Cell = {
          scenario,
          connections: c,
          bot: measured,
          baseline: base,
          ratio: {
            p50: ratio(measured.p50, base.p50),
            p95: ratio(measured.p95, base.p95),
            p99: ratio(measured.p99, base.p99),
            reqPerSec: ratio(measured.reqPerSec, base.reqPerSec),
          },
          ...(applied !== undefined ? { applied } : {}),
          connectorCalls,
          restarted,
        };
        cells.push(cell);
        out(
          `  ${scenario.padEnd(8)} c=${String(c).padEnd(3)} bot p50 ${measured.p50} ms, ${measured.reqPerSec} req/s, ok ${measured.ok}/${measured.completed}${applied !== undefined ? `, applied ${applied}` : ''}${measured.stoppedByTime ? ' (time cap)' : ''}; baseline p50 ${base.p50} ms, ${base.reqPerSec} req/s`,
        );
      }
    }
    // What the decision runs queued: how fast the backlog drains (the per-app cap is the most).
    const burst = await measureBurst(store, env.connector, plan.outboxWaitSeconds);
    out(
      `  outbox burst: ${burst.delivered} of a ${burst.backlog}-message backlog delivered in ${burst.seconds} s (${burst.perSecond}/s, peak ${burst.peakPerSecond} in one second), ${burst.leftPending} left pending`,
    );
    report.outbox = { burst, steady, end: await store.outbox.countByStatus() };
    report.databaseAfter = await databaseSize(store);
    report.startup = {
      botMs: firstStartupMs,
      baselineMs: baseline.startupMs,
      ratio: ratio(firstStartupMs, baseline.startupMs),
    };
    report.rss = {
      botAtReadyMb: readyRss,
      botWarmIdleMb: idleRss,
      botEndMb: rssMb(bot.pid),
      baselineEndMb: rssMb(baseline.pid),
    };
    report.cells = cells;
    printLoadTable(report, cells);
  } catch (e) {
    out(`bot log tail:\n${bot.logTail(30)}`);
    throw e;
  } finally {
    await bot.stop();
    await baseline.stop();
  }
}

interface DatabaseSize {
  applications: number;
  events: number;
  outbox: number;
  dataMb: number;
  storageMb: number;
}

/** How big the database is: on FerretDB over PostgreSQL every query's time grows with it. */
async function databaseSize(store: MongoStore): Promise<DatabaseSize> {
  const stats = await store.db.command({ dbStats: 1, scale: 1 });
  const mb = (v: unknown) => Math.round((Number(v) / 1024 / 1024) * 10) / 10;
  return {
    applications: await store.db.collection('applications').countDocuments({}),
    events: await store.db.collection('events').countDocuments({}),
    outbox: await store.db.collection('outbox').countDocuments({}),
    dataMb: mb(stats.dataSize),
    storageMb: mb(stats.storageSize),
  };
}

function describeSize(d: DatabaseSize): string {
  return `${d.applications} applications, ${d.events} audit events, ${d.outbox} outbox messages; dbStats dataSize ${d.dataMb} MB, storageSize ${d.storageMb} MB`;
}

function printRoundTrips(r: RoundTripReport): void {
  out('Database requests per warm turn (driver command monitoring; budget in brackets):');
  for (const [name, t] of Object.entries(r.perTurn))
    out(
      `  ${name.padEnd(14)} ${String(t.requests).padStart(2)} (<= ${t.budget}) ${t.requests <= t.budget ? 'ok' : 'OVER'}  ${JSON.stringify(t.byName)}`,
    );
  out(
    `  idle process: ${r.idle.requests} requests in ${r.idle.windowSeconds} s = ${r.idle.perSecond}/s (<= 1) ${r.idle.perSecond <= 1 ? 'ok' : 'OVER'}  ${JSON.stringify(r.idle.byName)}`,
  );
}

function printProfile(p: ProfileSummary): void {
  out();
  out(`CPU profile of the bot (node --cpu-prof, ${p.files.length} process(es), ${p.busyMs} ms busy):`);
  out('  by area:');
  for (const a of p.areas) out(`    ${String(a.share).padStart(5)}%  ${a.area}`);
  out('  functions with the most self time:');
  for (const f of p.functions) out(`    ${String(f.share).padStart(5)}%  ${f.name}  ${f.where}`);
}

function pad(s: string | number | undefined, w: number): string {
  const t = s === undefined || (typeof s === 'number' && Number.isNaN(s)) ? '-' : String(s);
  // Always at least one space, so wide figures never run into each other.
  return t.length >= w ? ` ${t}` : ' '.repeat(w - t.length) + t;
}

function printLoadTable(report: Record<string, unknown>, cells: Cell[]): void {
  const startup = report.startup as { botMs: number; baselineMs: number; ratio: number };
  out();
  out('Scenarios:');
  for (const s of ['status', 'section', 'decision'] as const) out(`  ${s}: ${SCENARIO_TEXT[s]}`);
  out();
  out(
    `Start-up to /readyz 200: bot ${startup.botMs} ms, baseline ${startup.baselineMs} ms (x${startup.ratio})`,
  );
  out();
  out(
    `${'scenario'.padEnd(9)}${pad('conn', 5)}${pad('reqs', 6)}${pad('ok', 6)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}${pad('req/s', 8)}${pad('RSS MB', 8)} |${pad('base p50', 9)}${pad('p95', 7)}${pad('p99', 7)}${pad('req/s', 8)} |${pad('x p50', 7)}${pad('x p95', 7)}${pad('x p99', 7)}${pad('x req/s', 8)}`,
  );
  for (const c of cells) {
    out(
      `${(c.scenario + (c.restarted ? '*' : '')).padEnd(9)}${pad(c.connections, 5)}${pad(c.bot.completed, 6)}${pad(c.bot.ok, 6)}${pad(c.bot.p50, 9)}${pad(c.bot.p95, 9)}${pad(c.bot.p99, 9)}${pad(c.bot.reqPerSec, 8)}${pad(c.bot.rssPeakMb, 8)} |${pad(c.baseline.p50, 9)}${pad(c.baseline.p95, 7)}${pad(c.baseline.p99, 7)}${pad(c.baseline.reqPerSec, 8)} |${pad(c.ratio.p50, 7)}${pad(c.ratio.p95, 7)}${pad(c.ratio.p99, 7)}${pad(c.ratio.reqPerSec, 8)}`,
    );
  }
  const outbox = report.outbox as { burst: BurstResult; steady: SteadyResult };
  out();
  out(
    `Outbox: a backlog of ${outbox.burst.backlog} drained at ${outbox.burst.perSecond} messages/s (peak ${outbox.burst.peakPerSecond} in a second; ${outbox.burst.leftPending} left); at ${outbox.steady.decisionsPerSecond} decisions/s, enqueue to delivery p50 ${outbox.steady.p50Ms} ms, p95 ${outbox.steady.p95Ms} ms (${outbox.steady.delivered}/${outbox.steady.messages} delivered)`,
  );
  out(`Database after the runs: ${describeSize(report.databaseAfter as DatabaseSize)}`);
  if (cells.some((c) => c.restarted))
    out(
      '* hit the safety time cap: only requests completed within it count, and the bot was restarted after it.',
    );
  out(
    'RSS MB is the bot process peak during the run; x columns are bot / baseline (latency: higher is slower; req/s: lower is slower).',
  );
}

// ------------------------------------------------------------------ scale mode

interface ScaleQuery {
  name: 'status' | 'my tasks' | 'applications for';
  c1: LoadResult;
  c10: LoadResult;
}

async function seedTo(env: Env, from: number, to: number): Promise<void> {
  const start = Date.now() - 400 * 24 * 3_600_000;
  const progressOf = (n: number): Progress => {
    const d = n % 10;
    return d < 3
      ? 'awaitingConsent'
      : d < 7
        ? 'consented'
        : d === 7
          ? 'readyForReview'
          : d === 8
            ? 'awaitingDecision'
            : 'approved';
  };
  const t0 = Date.now();
  const batch = 2000;
  for (let i = from; i < to; i += batch) {
    const built = [];
    for (let n = i; n < Math.min(to, i + batch); n++) {
      // Three assessments per prisoner, all at the prisoner's site.
      built.push(
        env.factory.build(
          n,
          progressOf(n),
          Math.floor(n / 3) % env.world.sites.length,
          `PRN-${Math.floor(n / 3)}`,
          new Date(start + n * 5 * 60_000),
        ),
      );
    }
    await insertBuilt(env.store, built);
  }
  out(`seeded applications ${from}..${to - 1} in ${Math.round((Date.now() - t0) / 100) / 10} s`);
}

async function explainAll(env: Env, size: number): Promise<PlanSummary[]> {
  const db = env.store.db;
  const apps = db.collection<ApplicationDoc>('applications');
  const events = db.collection<AuditEvent>('events');
  const id = applicationId(Math.floor(size / 2));
  const cm = env.world.sites[0]!.cm[0]!;
  const keys = [`person:${cm.aadObjectId}`, `role:${env.world.sites[0]!.site}:case-manager`];
  const prisoner = `PRN-${Math.floor(size / 6)}`;
  // The same filters, sorts and limits as services/store/mongo/applications.ts and events.ts.
  const plans: Array<[string, () => Promise<Record<string, unknown>>]> = [
    ['applications.get {_id}', () => apps.find({ _id: id }).limit(1).explain('executionStats')],
    [
      'events.list {applicationId, seq>=} sort seq',
      () =>
        events
          .find({ applicationId: id, seq: { $gte: 1 } })
          .sort({ seq: 1 })
          .explain('executionStats'),
    ],
    [
      'applications.findByTaskKeys {taskKeys $in, closed} sort updatedAt limit 50',
      () =>
        apps
          .find({ taskKeys: { $in: keys }, closed: false })
          .sort({ updatedAt: -1 })
          .limit(50)
          .explain('executionStats'),
    ],
    [
      'applications.findByPrisoner {prisonerId} sort updatedAt limit 50',
      () => apps.find({ prisonerId: prisoner }).sort({ updatedAt: -1 }).limit(50).explain('executionStats'),
    ],
  ];
  const out: PlanSummary[] = [];
  for (const [name, run] of plans) out.push(summarisePlan(name, await run()));
  return out;
}

async function scaleMode(env: Env, report: Record<string, unknown>): Promise<void> {
  const [small, large] = env.args.sizes as [number, number];
  // Requests per query and level: few, because on a database without index pushdown each can take seconds.
  const perQuery = env.args.quick ? { c1: 3, c10: 10 } : { c1: 20, c10: 50 };
  report.scalePlan = { sizes: env.args.sizes, requestsPerQuery: perQuery, maxSecondsPerRun: 300 };
  const perSize: Array<{ size: number; queries: ScaleQuery[]; plans: PlanSummary[] }> = [];
  let seeded = 0;
  const bot = await startBot(env, `tautoko-bench-scale-${process.pid}.log`);
  out(`bot ready in ${bot.startupMs} ms`);
  const url = env.connector.url;
  try {
    for (const size of [small, large]) {
      await seedTo(env, seeded, size);
      seeded = size;
      const queries: ScaleQuery[] = [];
      const bodiesFor = (name: ScaleQuery['name'], count: number) =>
        Array.from({ length: count }, (_, j) => {
          // Spread over the whole range, so old and new documents are both asked for.
          const n = Math.floor(((j * 7919) % 1000) * (size / 1000));
          const site = Math.floor(n / 3) % env.world.sites.length;
          const user = staffUser(env, site, 'cm', j);
          const text =
            name === 'status'
              ? `status ${applicationId(n)}`
              : name === 'my tasks'
                ? 'my tasks'
                : `applications for PRN-${Math.floor(n / 3)}`;
          return JSON.stringify(messageActivity(url, user, text));
        });
      for (const name of ['status', 'my tasks', 'applications for'] as const) {
        const c1 = await runLoad({
          url: `${bot.url}/api/messages`,
          connections: 1,
          bodies: bodiesFor(name, perQuery.c1),
          maxSeconds: 300,
          pid: bot.pid,
        });
        const c10 = await runLoad({
          url: `${bot.url}/api/messages`,
          connections: 10,
          bodies: bodiesFor(name, perQuery.c10),
          maxSeconds: 300,
          pid: bot.pid,
        });
        env.connector.clear();
        queries.push({ name, c1, c10 });
        out(
          `  ${size} ${name.padEnd(17)} c=1 p50 ${c1.p50} ms (${c1.completed} reqs); c=10 p50 ${c10.p50} ms, ${c10.reqPerSec} req/s`,
        );
      }
      perSize.push({ size, queries, plans: await explainAll(env, size) });
    }
  } catch (e) {
    out(`bot log tail:\n${bot.logTail(30)}`);
    throw e;
  } finally {
    await bot.stop();
  }
  report.startup = { botMs: bot.startupMs };
  report.scale = perSize;
  out();
  out(
    `${'query'.padEnd(18)}${pad('size', 8)}${pad('c=1 p50', 9)}${pad('p95', 8)}${pad('p99', 8)}${pad('c=10 p50', 10)}${pad('p95', 8)}${pad('p99', 8)}${pad('req/s', 8)}`,
  );
  for (const s of perSize) {
    for (const q of s.queries) {
      out(
        `${q.name.padEnd(18)}${pad(s.size, 8)}${pad(q.c1.p50, 9)}${pad(q.c1.p95, 8)}${pad(q.c1.p99, 8)}${pad(q.c10.p50, 10)}${pad(q.c10.p95, 8)}${pad(q.c10.p99, 8)}${pad(q.c10.reqPerSec, 8)}`,
      );
    }
  }
  out();
  out(
    `Ratio ${large} / ${small} (1.0 is flat; ~${Math.round(large / small)} is linear in the collection size):`,
  );
  const ratios: Record<string, Record<string, number>> = {};
  for (const q of perSize[0]!.queries) {
    const big = perSize[1]!.queries.find((x) => x.name === q.name)!;
    ratios[q.name] = {
      c1p50: ratio(big.c1.p50, q.c1.p50),
      c10p50: ratio(big.c10.p50, q.c10.p50),
      c10p95: ratio(big.c10.p95, q.c10.p95),
      c10reqPerSec: ratio(big.c10.reqPerSec, q.c10.reqPerSec),
    };
    out(
      `  ${q.name.padEnd(17)} c=1 p50 x${ratios[q.name]!.c1p50}; c=10 p50 x${ratios[q.name]!.c10p50}, p95 x${ratios[q.name]!.c10p95}, req/s x${ratios[q.name]!.c10reqPerSec}`,
    );
  }
  report.scaleRatios = ratios;
  for (const s of perSize) {
    out();
    out(`Query plans at ${s.size} applications:`);
    for (const p of s.plans) {
      out(`  ${p.winning.padEnd(8)} ${p.query}`);
      out(
        `           ${p.plan}${p.filterPushdown !== undefined ? ` [filterPushdown=${p.filterPushdown}]` : ''}${p.docsExamined !== undefined ? ` [docsExamined=${p.docsExamined}, returned=${p.returned}]` : ''}`,
      );
    }
  }
}

// ------------------------------------------------------------------ main

function shortCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'nocommit';
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const uri = process.env.MONGODB_URI?.trim();
  if (!uri)
    fail(
      'MONGODB_URI is required: the bench measures the bot against a real database (e.g. MONGODB_URI=mongodb://127.0.0.1:27217/ npm run bench -- --quick)',
    );
  const began = Date.now();
  out('building the bot (tsc -p tsconfig.build.json) to run it as in production');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const dbName = `tautoko_bench_${Date.now().toString(36)}`;
  const client = new MongoClient(uri, {
    ...MONGO_CLIENT_OPTIONS,
    appName: 'tautoko-bench',
    serverSelectionTimeoutMS: 30_000,
    connectTimeoutMS: 30_000,
  });
  try {
    await client.connect();
    await client.db(dbName).command({ ping: 1 });
  } catch (e) {
    fail(`cannot reach MongoDB at ${uri.replace(/\/\/[^@/]*@/, '//***@')}: ${(e as Error).message}`);
  }
  const buildInfo = await client.db(dbName).command({ buildInfo: 1 });
  const store = new MongoStore(client, client.db(dbName));
  await store.ensureIndexes();
  // The quick mode's smaller directory: every card render reads the whole directory.
  const world = args.quick ? buildWorld(5, 2) : buildWorld(20, 5);
  await store.people.replaceAll(world.people);
  const connector = new ConnectorStub();
  await connector.start();
  const env: Env = {
    args,
    uri,
    dbName,
    client,
    store,
    world,
    factory: new ApplicationFactory(world),
    connector,
  };
  await seedConversations(env);

  const commit = shortCommit();
  const machine = {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memTotalGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    database: `${buildInfo.ferretdbVersion ? `FerretDB ${String(buildInfo.ferretdbVersion)}` : 'MongoDB'} (reports ${String(buildInfo.version)})`,
  };
  out(
    `Tautoko bench, ${args.mode} mode, commit ${commit}, ${machine.cpus} CPUs, ${machine.memTotalGb} GB, Node ${machine.node}, ${machine.database}`,
  );
  const report: Record<string, unknown> = {
    mode: args.mode,
    commit,
    date: new Date().toISOString(),
    machine,
    directory: { sites: world.sites.length, perRole: world.perRole, people: world.people.length },
  };
  try {
    if (args.mode === 'scale') await scaleMode(env, report);
    else {
      report.plan = PLANS[args.mode];
      report.scenarios = SCENARIO_TEXT;
      await loadMode(env, PLANS[args.mode], report);
    }
    if (args.profileDir) {
      const profile = summariseProfiles(args.profileDir);
      report.profile = profile;
      printProfile(profile);
    }
  } finally {
    await connector.stop();
    if (!args.keep) await client.db(dbName).dropDatabase();
    await client.close();
  }
  report.totalSeconds = Math.round((Date.now() - began) / 100) / 10;
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `${new Date().toISOString().slice(0, 10)}-${commit}${args.mode === 'full' ? '' : `-${args.mode}`}.json`,
  );
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  out();
  out(
    `Finished in ${report.totalSeconds} s; results in ${path.relative(ROOT, file)}${args.keep ? `; database ${dbName} kept` : ''}`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
