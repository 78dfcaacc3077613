import type { MongoStore } from '../services/store/mongo/mongoStore';
import type { LoadResult } from './load';
import type { BurstResult, SteadyResult } from './outbox';
import { SCENARIO_TEXT } from './plan';
import type { Scenario } from './plan';
import type { ProfileSummary } from './profile';
import type { RoundTripReport } from './roundTrips';

/** The bench's printed output: its tables and one-line summaries. */

export interface Cell {
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

export const ratio = (a: number, b: number) =>
  b > 0 && Number.isFinite(a) && Number.isFinite(b) ? Math.round((a / b) * 100) / 100 : NaN;

export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export interface DatabaseSize {
  applications: number;
  events: number;
  outbox: number;
  dataMb: number;
  storageMb: number;
}

/** How big the database is: on FerretDB over PostgreSQL every query's time grows with it. */
export async function databaseSize(store: MongoStore): Promise<DatabaseSize> {
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

export function describeSize(d: DatabaseSize): string {
  return `${d.applications} applications, ${d.events} audit events, ${d.outbox} outbox messages; dbStats dataSize ${d.dataMb} MB, storageSize ${d.storageMb} MB`;
}

export function printRoundTrips(r: RoundTripReport): void {
  out('Database requests per warm turn (driver command monitoring; budget in brackets):');
  for (const [name, t] of Object.entries(r.perTurn))
    out(
      `  ${name.padEnd(14)} ${String(t.requests).padStart(2)} (<= ${t.budget}) ${t.requests <= t.budget ? 'ok' : 'OVER'}  ${JSON.stringify(t.byName)}`,
    );
  out(
    `  idle process: ${r.idle.requests} requests in ${r.idle.windowSeconds} s = ${r.idle.perSecond}/s (<= 1) ${r.idle.perSecond <= 1 ? 'ok' : 'OVER'}  ${JSON.stringify(r.idle.byName)}`,
  );
}

export function printProfile(p: ProfileSummary): void {
  out();
  out(`CPU profile of the bot (node --cpu-prof, ${p.files.length} process(es), ${p.busyMs} ms busy):`);
  out('  by area:');
  for (const a of p.areas) out(`    ${String(a.share).padStart(5)}%  ${a.area}`);
  out('  functions with the most self time:');
  for (const f of p.functions) out(`    ${String(f.share).padStart(5)}%  ${f.name}  ${f.where}`);
}

export function pad(s: string | number | undefined, w: number): string {
  const t = s === undefined || (typeof s === 'number' && Number.isNaN(s)) ? '-' : String(s);
  // Always at least one space, so wide figures never run into each other.
  return t.length >= w ? ` ${t}` : ' '.repeat(w - t.length) + t;
}

export function printLoadTable(report: Record<string, unknown>, cells: Cell[]): void {
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
  const outbox = report.outbox as {
    burst: BurstResult;
    steady: SteadyResult;
    afterRuns: { pendingAtEnd: number; seconds: number; leftPending: number };
  };
  out();
  out(
    `Outbox: a backlog of ${outbox.burst.backlog} drained at ${outbox.burst.perSecond} messages/s (peak ${outbox.burst.peakPerSecond} in a second; ${outbox.burst.leftPending} left); at ${outbox.steady.decisionsPerSecond} decisions/s, enqueue to delivery p50 ${outbox.steady.p50Ms} ms, p95 ${outbox.steady.p95Ms} ms (${outbox.steady.delivered}/${outbox.steady.messages} delivered); ${outbox.afterRuns.pendingAtEnd} pending when the load runs ended, ${outbox.afterRuns.leftPending} ${outbox.afterRuns.seconds} s later`,
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
