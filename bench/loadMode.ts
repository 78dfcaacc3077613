import type { ApplicationDoc } from '../services/workflow/domain';
import { actionActivity, messageActivity } from './activities';
import { runLoad, rssMb } from './load';
import { enqueueBacklog, measureBurst, measureSteady, waitForDrain } from './outbox';
import { CONNECTIONS } from './plan';
import type { Plan, Scenario } from './plan';
import { settle } from './processes';
import { databaseSize, describeSize, out, printLoadTable, printRoundTrips, ratio } from './report';
import type { Cell } from './report';
import type { DatabaseSize } from './report';
import { measureRoundTrips } from './roundTrips';
import type { Child } from './processes';
import { insertBuilt, staffUser, startBaseline, startBot } from './setup';
import type { Env } from './setup';
import { decisionData, sectionData } from './turns';
import type { Progress } from './world';

interface Prepared {
  status: ApplicationDoc[];
  section: Record<number, ApplicationDoc[]>;
  decision: Record<number, ApplicationDoc[]>;
  warm: { section: ApplicationDoc[]; decision: ApplicationDoc[] };
  trips: { status: ApplicationDoc[]; section: ApplicationDoc[]; decision: ApplicationDoc[] };
  steady: ApplicationDoc[];
}

/** Every application the runs use, built and inserted before the bot starts. */
async function prepareAll(env: Env, plan: Plan): Promise<Prepared> {
  let n = 0;
  /** `count` assessments at `progress`, spread over the sites (or all at `site`). */
  const prepare = async (count: number, progress: Progress, site?: number) => {
    const built = [];
    const start = Date.now() - 3 * 24 * 3_600_000;
    for (let i = 0; i < count; i++, n++)
      built.push(
        env.factory.build(
          n,
          progress,
          site ?? n % env.world.sites.length,
          `PRN-${n}`,
          new Date(start + n * 1000),
        ),
      );
    await insertBuilt(env.store, built);
    return built.map((b) => b.app);
  };
  const t0 = Date.now();
  const status = await prepare(plan.statusApplications, 'readyForReview');
  const section: Record<number, ApplicationDoc[]> = {};
  const decision: Record<number, ApplicationDoc[]> = {};
  for (const c of CONNECTIONS) {
    section[c] = await prepare(plan.counts.section[c], 'consented');
    decision[c] = await prepare(plan.counts.decision[c], 'awaitingDecision');
  }
  const warm = { section: await prepare(2, 'consented'), decision: await prepare(2, 'awaitingDecision') };
  const trips = {
    status: await prepare(2, 'readyForReview', 0),
    section: await prepare(2, 'consented', 0),
    decision: await prepare(2, 'awaitingDecision', 0),
  };
  const steady = await prepare(plan.steadyDecisions, 'awaitingDecision');
  out(`prepared ${n} F.17 assessments (with audit events) in ${Date.now() - t0} ms`);
  return { status, section, decision, warm, trips, steady };
}

/** Request j of a scenario, by the j-th distinct user at the application's site (100 per role). */
function bodyMaker(env: Env): (scenario: Scenario, app: ApplicationDoc, j: number) => string {
  const url = env.connector.url;
  return (scenario, app, j) => {
    const site = Number(app.site.slice(-2));
    const k = Math.floor(j / env.world.sites.length);
    if (scenario === 'status')
      return JSON.stringify(messageActivity(url, staffUser(env, site, 'cm', k), `status ${app._id}`));
    const data = scenario === 'section' ? sectionData(app) : decisionData(app);
    return JSON.stringify(
      actionActivity(url, staffUser(env, site, scenario === 'section' ? 'co' : 'gm', k), data),
    );
  };
}

function post(target: string, body: string): Promise<Response> {
  return fetch(`${target}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(60_000),
  });
}

/** The bot and the baseline as the runs see them; the bot is restarted after a time-capped run. */
interface Processes {
  bot: Child;
  baseline: Child;
  warmIndex: number;
}

/** One scenario at one connection level: the baseline, then the bot, on the same requests. */
async function runCell(
  env: Env,
  plan: Plan,
  procs: Processes,
  apps: ApplicationDoc[],
  scenario: Scenario,
  c: (typeof CONNECTIONS)[number],
  cellIndex: number,
): Promise<Cell> {
  const bodyFor = bodyMaker(env);
  const count = plan.counts[scenario][c];
  const bodies = Array.from({ length: count }, (_, j) => bodyFor(scenario, apps[j % apps.length]!, j));
  const ids = scenario === 'status' ? [] : apps.slice(0, count).map((a) => a._id);
  const accept = scenario === 'status' ? undefined : (body: string) => body.includes('Recorded by');
  const load = (child: Child, extra: { accept?: (body: string) => boolean }) =>
    runLoad({
      url: `${child.url}/api/messages`,
      connections: c,
      bodies,
      maxSeconds: plan.maxSeconds,
      pid: child.pid,
      ...extra,
    });
  const base = await load(procs.baseline, {});
  await settle(procs.bot.pid, 10_000);
  env.connector.clear();
  const measured = await load(procs.bot, accept ? { accept } : {});
  const connectorCalls = env.connector.calls.length;
  env.connector.clear();
  // Turns still in flight after a time-capped run would land in the next one: start afresh.
  const restarted = measured.stoppedByTime;
  if (restarted) {
    await procs.bot.stop();
    procs.bot = await startBot(env, `tautoko-bench-bot-${process.pid}-${cellIndex}.log`);
    await post(procs.bot.url, bodyFor('status', apps[0]!, procs.warmIndex++)).catch(() => undefined);
    out(
      `  (${scenario} c=${c} hit the ${plan.maxSeconds} s cap; bot restarted in ${procs.bot.startupMs} ms)`,
    );
  }
  const applied =
    ids.length > 0
      ? await env.store.db
          .collection('applications')
          .countDocuments({ _id: { $in: ids } as never, version: { $gt: apps[0]!.version } })
      : undefined;
  out(
    `  ${scenario.padEnd(8)} c=${String(c).padEnd(3)} bot p50 ${measured.p50} ms, ${measured.reqPerSec} req/s, ok ${measured.ok}/${measured.completed}${applied !== undefined ? `, applied ${applied}` : ''}${measured.stoppedByTime ? ' (time cap)' : ''}; baseline p50 ${base.p50} ms, ${base.reqPerSec} req/s`,
  );
  return {
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
}

/** The outbox's figures: the steady rate first (on an empty outbox), then the runs, then a burst. */
async function measureOutbox(
  env: Env,
  plan: Plan,
  apps: ApplicationDoc[],
  procs: Processes,
  phase: 'steady' | 'burst',
): Promise<Record<string, unknown>> {
  if (phase === 'steady') {
    const bodyFor = bodyMaker(env);
    const steady = await measureSteady(
      env.store,
      (app, j) => post(procs.bot.url, bodyFor('decision', app, j)),
      apps,
      2,
      plan.outboxWaitSeconds,
    );
    out(
      `  outbox steady: ${steady.decisions} decisions at ${steady.decisionsPerSecond}/s queued ${steady.messages} messages, ${steady.delivered} delivered; enqueue-to-delivery p50 ${steady.p50Ms} ms, p95 ${steady.p95Ms} ms, max ${steady.maxMs} ms`,
    );
    return { steady };
  }
  // What the decision runs queued and had not delivered when they ended.
  const afterRuns = await waitForDrain(env.store, plan.outboxWaitSeconds);
  out(
    `  outbox after the runs: ${afterRuns.pendingAtEnd} pending when the last run ended, ${afterRuns.leftPending} after ${afterRuns.seconds} s`,
  );
  env.connector.clear();
  const size = await enqueueBacklog(
    env.store,
    apps.map((a) => a._id),
    env.world.people.map((p) => p.aadObjectId),
    plan.burstMessages,
  );
  const burst = await measureBurst(env.store, env.connector, size, plan.outboxWaitSeconds);
  out(
    `  outbox burst: ${burst.delivered} of a ${burst.backlog}-message backlog delivered in ${burst.seconds} s (${burst.perSecond}/s, peak ${burst.peakPerSecond} in one second), ${burst.leftPending} left pending`,
  );
  return { afterRuns, burst };
}

export async function loadMode(env: Env, plan: Plan, report: Record<string, unknown>): Promise<void> {
  const apps = await prepareAll(env, plan);
  report.databaseBefore = await databaseSize(env.store);
  out(`database before the runs: ${describeSize(report.databaseBefore as DatabaseSize)}`);
  const trips = await measureRoundTrips({
    uri: env.uri,
    dbName: env.dbName,
    connectorUrl: env.connector.url,
    users: { cm: staffUser(env, 0, 'cm', 0), co: staffUser(env, 0, 'co', 0), gm: staffUser(env, 0, 'gm', 0) },
    apps: apps.trips,
    idleWindowSeconds: plan.idleWindowSeconds,
  });
  await env.client.db(`${env.dbName}_idle`).dropDatabase();
  report.roundTrips = trips;
  printRoundTrips(trips);

  const baseline = await startBaseline(env);
  const procs: Processes = {
    baseline,
    bot: await startBot(env, `tautoko-bench-bot-${process.pid}.log`),
    warmIndex: 1,
  };
  const firstStartupMs = procs.bot.startupMs;
  const readyRss = rssMb(procs.bot.pid);
  out(
    `bot ready in ${firstStartupMs} ms (baseline ${baseline.startupMs} ms); RSS at ready ${readyRss ?? '?'} MB`,
  );
  try {
    // Warm-up, not measured: the first turns load modules and compile hot paths.
    const bodyFor = bodyMaker(env);
    for (const [target, scenario, app] of [
      [baseline.url, 'status', apps.status[0]!],
      [procs.bot.url, 'status', apps.status[0]!],
      [procs.bot.url, 'section', apps.warm.section[0]!],
      [procs.bot.url, 'decision', apps.warm.decision[0]!],
    ] as const)
      await post(target, bodyFor(scenario, app, 0)).catch((e: unknown) =>
        out(`  warm-up ${scenario} request failed: ${(e as Error).message}`),
      );
    await settle(procs.bot.pid, 15_000);
    const idleRss = rssMb(procs.bot.pid);
    env.connector.clear();
    const steady = await measureOutbox(env, plan, apps.steady, procs, 'steady');
    const cells: Cell[] = [];
    for (const scenario of ['status', 'section', 'decision'] as const)
      for (const c of CONNECTIONS)
        cells.push(
          await runCell(
            env,
            plan,
            procs,
            scenario === 'status' ? apps.status : apps[scenario][c]!,
            scenario,
            c,
            cells.length,
          ),
        );
    const burst = await measureOutbox(env, plan, apps.steady, procs, 'burst');
    report.outbox = { ...steady, ...burst, end: await env.store.outbox.countByStatus() };
    report.databaseAfter = await databaseSize(env.store);
    report.startup = {
      botMs: firstStartupMs,
      baselineMs: baseline.startupMs,
      ratio: ratio(firstStartupMs, baseline.startupMs),
    };
    report.rss = {
      botAtReadyMb: readyRss,
      botWarmIdleMb: idleRss,
      botEndMb: rssMb(procs.bot.pid),
      baselineEndMb: rssMb(baseline.pid),
    };
    report.cells = cells;
    printLoadTable(report, cells);
  } catch (e) {
    out(`bot log tail:\n${procs.bot.logTail(30)}`);
    throw e;
  } finally {
    await procs.bot.stop();
    await baseline.stop();
  }
}
