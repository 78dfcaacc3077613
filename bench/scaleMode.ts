import type { ApplicationDoc, AuditEvent } from '../services/workflow/domain';
import { messageActivity } from './activities';
import { summarisePlan } from './explain';
import type { PlanSummary } from './explain';
import { runLoad } from './load';
import type { LoadResult } from './load';
import { out, pad, ratio } from './report';
import { insertBuilt, staffUser, startBot } from './setup';
import type { Env } from './setup';
import { applicationId } from './world';
import type { Progress } from './world';

/** `--scale`: the read turns at two database sizes, with each hot query's plan. */

export interface ScaleQuery {
  name: 'status' | 'my tasks' | 'applications for';
  c1: LoadResult;
  c10: LoadResult;
}

export async function seedTo(env: Env, from: number, to: number): Promise<void> {
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

export async function explainAll(env: Env, size: number): Promise<PlanSummary[]> {
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

export async function scaleMode(env: Env, report: Record<string, unknown>): Promise<void> {
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
