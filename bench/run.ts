import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { MONGO_CLIENT_OPTIONS, MongoStore } from '../services/store/mongo/mongoStore';
import { ConnectorStub } from '../test/helpers/connectorStub';
import { loadMode } from './loadMode';
import { PLANS, SCENARIO_TEXT } from './plan';
import type { Args } from './plan';
import { ROOT } from './processes';
import { summariseProfiles } from './profile';
import { out, printProfile } from './report';
import { scaleMode } from './scaleMode';
import { seedConversations } from './setup';
import type { Env } from './setup';
import { ApplicationFactory, buildWorld } from './world';

/**
 * `npm run bench [-- --quick | --scale]`: latency, throughput and memory of the bot against
 * MongoDB, each figure beside a bare baseline measured in the same run; `--scale` measures the
 * read turns at two database sizes and prints the query plans. Prints a table and writes
 * bench/results/<date>-<commit>[-mode].json. Loopback only; every load run is bounded in
 * requests and seconds. Not part of the test command: it prints figures, it asserts nothing.
 */

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
