/**
 * Process-level reliability runs (issue 8), against real processes:
 *
 *   (a) database faults: one bot process on a FerretDB started here over the PostgreSQL cluster CI
 *       started (TAUTOKO_POSTGRESQL_URL); a stream of section submissions; FerretDB is killed
 *       mid-stream and restarted on the same PostgreSQL database. While it is down /readyz must be 503 and users must be told "not saved, please
 *       try again"; afterwards every acknowledged submission must be in the database and every
 *       refused one must go through when resubmitted. Prints acknowledged / refused / lost.
 *   (b) several instances: two bot processes on one database, load spread between them: a dialog
 *       started on one and finished on the other, concurrent decisions through both, and the
 *       proactive messages both outbox workers deliver: no duplicates, no lost or doubled decisions.
 *
 * Usage: FERRETDB_BIN=~/go/bin/ferretdb TAUTOKO_POSTGRESQL_URL='postgres://…' npx tsx scripts/reliability.ts
 * (`bash .ci/db.sh` starts a PostgreSQL cluster and prints the URL.)
 * Exit code 0 when every check held; the last line is a JSON summary.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';

const ROOT = path.resolve(__dirname, '..');
const SITE = 'Arohata';
const out = (line: string) => process.stdout.write(`${line}\n`);

// ------------------------------------------------------------------ processes

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

class FerretDb {
  private child: ChildProcess | undefined;
  readonly port: Promise<number>;
  private portValue = 0;

  constructor(
    private readonly bin: string,
    private readonly pgUrl: string,
    private readonly dir: string,
  ) {
    this.port = freePort().then((p) => (this.portValue = p));
    mkdirSync(path.join(dir, 'state'), { recursive: true });
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.portValue}/`;
  }

  async start(): Promise<void> {
    await this.port;
    const log = openSync(path.join(this.dir, 'ferretdb.log'), 'a');
    this.child = spawn(
      this.bin,
      [
        '--handler=postgresql',
        `--postgresql-url=${this.pgUrl}`,
        `--state-dir=${path.join(this.dir, 'state')}`,
        `--listen-addr=127.0.0.1:${this.portValue}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=warn',
      ],
      { stdio: ['ignore', log, log] },
    );
    // CI cleans up whatever process id is in this file if the run dies half way.
    if (process.env.FERRETDB_PID_FILE && this.child.pid)
      writeFileSync(process.env.FERRETDB_PID_FILE, String(this.child.pid));
    await waitFor('FerretDB to accept connections', async () => {
      const client = new MongoClient(this.uri, { serverSelectionTimeoutMS: 500 });
      try {
        await client.db('admin').command({ ping: 1 });
        return true;
      } finally {
        await client.close();
      }
    });
  }

  /** A crash, not a shutdown: the process gets no chance to tidy up. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

class BotProcess {
  private child: ChildProcess | undefined;
  port = 0;

  constructor(
    private readonly name: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    const log = openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/local-bot.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...this.env,
        TAUTOKO_LOCAL_DEV: 'true',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        OUTBOX_POLL_MS: '50',
      },
      stdio: ['ignore', log, log],
    });
    await waitFor(
      `bot ${this.name} to be ready`,
      async () => (await fetch(`${this.url}/readyz`)).status === 200,
      60_000,
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000).then(() => child.kill('SIGKILL'))]);
  }
}

// ------------------------------------------------------------------ a connector stand-in

interface Sent {
  method: string;
  conversationId: string;
  id: string;
  body: Record<string, unknown>;
}

function parseJson(raw: string): Record<string, unknown> {
  try {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Records what the bots send to "Teams", with the activity id it answered each POST with. */
class Connector {
  readonly sent: Sent[] = [];
  private server: http.Server | undefined;
  private counter = 0;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        const body = parseJson(raw);
        const id = req.method === 'PUT' && m?.[2] ? decodeURIComponent(m[2]) : `stub-${++this.counter}`;
        if (m)
          this.sent.push({
            method: req.method ?? 'POST',
            conversationId: decodeURIComponent(m[1]!),
            id,
            body,
          });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

// ------------------------------------------------------------------ users and clicks

interface User {
  aadObjectId: string;
  name: string;
  email: string;
  roles: Array<{ role: string; site: string }>;
}
const user = (id: string, name: string, role: string): User => ({
  aadObjectId: id,
  name,
  email: `${id}@example.govt.nz`,
  roles: [{ role, site: SITE }],
});
const cm = user('rel-cm', 'Aroha Ngata', 'case-manager');
const co = user('rel-co', 'Mere Wiremu', 'case-officer');
const intel = user('rel-int', 'Dana Kerr', 'intelligence');
const csm = user('rel-csm', 'Hemi Walker', 'custodial-systems-manager');
const gm1 = user('rel-gm1', 'Kiri Te Rangi', 'general-manager-custodial');
const gm2 = user('rel-gm2', 'Tāne Mahuta', 'general-manager-custodial');
const admin = user('rel-admin', 'Ada Admin', 'admin');
const PEOPLE = [cm, co, intel, csm, gm1, gm2, admin];
const CHANNEL = '19:custodial-decisions@thread.tacv2';

function activity(
  connector: Connector,
  who: User,
  extra: Record<string, unknown>,
  channel = false,
): Record<string, unknown> {
  const conv = channel ? CHANNEL : `a:personal-${who.aadObjectId}`;
  return {
    id: `act-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: connector.url,
    channelId: 'msteams',
    from: { id: `29:${who.aadObjectId}`, aadObjectId: who.aadObjectId, name: who.name },
    conversation: {
      id: conv,
      conversationType: channel ? 'channel' : 'personal',
      tenantId: 't',
      ...(channel ? { isGroup: true } : {}),
    },
    recipient: { id: '28:tautoko', name: 'Tautoko' },
    channelData: {
      tenant: { id: 't' },
      ...(channel ? { channel: { id: CHANNEL }, team: { id: 'team-1' } } : {}),
    },
    locale: 'en-NZ',
    ...extra,
  };
}

async function post(
  bot: BotProcess,
  body: Record<string, unknown>,
): Promise<{ status: number; body: { type?: string; value?: unknown } | undefined }> {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(90_000),
  });
  const text = await res.text();
  try {
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as { type?: string; value?: unknown }) : undefined,
    };
  } catch {
    return { status: res.status, body: undefined };
  }
}

const click = (bot: BotProcess, connector: Connector, who: User, data: Record<string, unknown>) =>
  post(
    bot,
    activity(connector, who, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'tautoko', data }, trigger: 'manual' },
    }),
  );
const say = (bot: BotProcess, connector: Connector, who: User, text: string, channel = false) =>
  post(bot, activity(connector, who, { type: 'message', text }, channel));

const START = {
  prisonerName: 'Tama Rāwiri',
  accusedStatus: 'remand',
  courtDate: '2027-04-14',
  gangStatus: 'None known',
  rmtStatus: 'Not subject to RMT',
  rmtLevel: 'n/a',
  programmeName: 'Te reo Māori for beginners',
  programmeKind: 'te ao Māori',
  participants: '10',
  facilitatorName: 'Rangi Pōmare',
  location: 'Learning centre',
  site: SITE,
};

const cardJson = (r: { body?: { value?: unknown } }) => JSON.stringify(r.body?.value ?? '');

/** Starts an assessment: the form asked for on `first`, submitted on `second` (dialog state lives in the database). */
async function startAssessment(
  first: BotProcess,
  second: BotProcess,
  connector: Connector,
  prisonerId: string,
): Promise<string> {
  const res = await say(first, connector, cm, 'new mix assessment');
  if (res.status !== 200) throw new Error(`new mix assessment answered ${res.status}`);
  const submitted = await click(second, connector, cm, { card: 'start:F17', ...START, prisonerId });
  const id = /MIX-\d{4}-\d{5}/.exec(cardJson(submitted))?.[0];
  if (!id)
    throw new Error(`the start form did not create an assessment: ${cardJson(submitted).slice(0, 300)}`);
  return id;
}

const ANSWERS = {
  caseManagement: {
    categoriesMixedWith: 'Sentenced, low security',
    withoutMixing: 'no',
    withoutMixingDetail: 'Only one class runs',
    motivation: 'Keen',
    reintegrationNeeds: 'Whānau connection',
    promotesReintegration: 'Identity',
  },
  unit: { observations: 'Settled', behaviour: 'Compliant', misconducts: 'None', alerts: 'None' },
  intelligence: { risksMixing: 'Low', risksOtherPrisoners: 'None known' },
};

async function toDecision(bot: BotProcess, connector: Connector, id: string): Promise<void> {
  const steps: Array<[User, Record<string, unknown>]> = [
    [
      cm,
      {
        card: 'f17.consent',
        command: 'f17.recordConsent',
        consentObtainedBy: cm.name,
        consentDate: '2026-03-02',
        consentFormReference: 'IOMS 1',
      },
    ],
    [
      cm,
      {
        card: 'f17.section',
        command: 'f17.submitSection',
        section: 'caseManagement',
        ...ANSWERS.caseManagement,
      },
    ],
    [co, { card: 'f17.section', command: 'f17.submitSection', section: 'unit', ...ANSWERS.unit }],
    [
      intel,
      { card: 'f17.section', command: 'f17.submitSection', section: 'intelligence', ...ANSWERS.intelligence },
    ],
    [
      csm,
      {
        card: 'f17.review',
        command: 'f17.submitReview',
        summary: 'All in',
        risks: 'Low',
        riskManagement: 'Escort',
        recommendation: 'supported',
      },
    ],
  ];
  for (const [who, data] of steps) {
    const r = await click(bot, connector, who, { applicationId: id, ...data });
    if (!cardJson(r).includes('Recorded by'))
      throw new Error(`${String(data.command)} on ${id} was not recorded: ${cardJson(r).slice(0, 300)}`);
  }
}

// ------------------------------------------------------------------ (a) database faults

interface FaultResult {
  acknowledged: number;
  refused: number;
  refusedNotSaved: number;
  refusedOther: number;
  lost: number;
  resubmitted: number;
  readyzWhileDown: number[];
  failures: string[];
}

async function databaseFaults(
  bin: string,
  pgUrl: string,
  work: string,
  connector: Connector,
): Promise<FaultResult> {
  const failures: string[] = [];
  const db = new FerretDb(bin, pgUrl, path.join(work, 'fault-db'));
  await db.start();
  const dbName = `reliability_faults_${randomUUID().slice(0, 8)}`;
  const bot = new BotProcess(
    'fault',
    { MONGODB_URI: db.uri, MONGODB_DB: dbName, DIRECTORY_FILE: path.join(work, 'directory.json') },
    path.join(work, 'bot-fault.log'),
  );
  await bot.start();
  try {
    for (const p of PEOPLE)
      await post(bot, activity(connector, p, { type: 'installationUpdate', action: 'add' }));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await startAssessment(bot, bot, connector, `8100${i}000`);
      const r = await click(bot, connector, cm, {
        card: 'f17.consent',
        applicationId: id,
        command: 'f17.recordConsent',
        consentObtainedBy: cm.name,
        consentDate: '2026-03-02',
        consentFormReference: 'IOMS 1',
      });
      if (!cardJson(r).includes('Recorded by')) throw new Error(`consent on ${id} not recorded`);
      ids.push(id);
    }
    // Each submission is a unit-section draft with text no other submission has, so the database can be asked for it.
    const acknowledged: Array<{ id: string; marker: string }> = [];
    const refused: Array<{ id: string; marker: string; data: Record<string, unknown> }> = [];
    let refusedNotSaved = 0;
    let refusedOther = 0;
    const readyzWhileDown: number[] = [];
    const TOTAL = 120;
    const KILL_AT = 40;
    const RESTART_AT = 70;
    for (let n = 0; n < TOTAL; n++) {
      if (n === KILL_AT) {
        await db.kill();
        out(`  FerretDB killed after ${n} submissions`);
      }
      if (n > KILL_AT && n < RESTART_AT && n % 10 === 0)
        readyzWhileDown.push((await fetch(`${bot.url}/readyz`)).status);
      if (n === RESTART_AT) {
        await db.start();
        out(`  FerretDB restarted over the same PostgreSQL database after ${n} submissions`);
        await waitFor(
          'the bot to see the database again',
          async () => (await fetch(`${bot.url}/readyz`)).status === 200,
        );
      }
      const id = ids[n % ids.length]!;
      const marker = `obs-${n}-${randomUUID().slice(0, 8)}`;
      const data = {
        card: 'f17.section',
        applicationId: id,
        command: 'f17.saveSectionDraft',
        section: 'unit',
        params: { section: 'unit' },
        observations: marker,
      };
      const r = await click(bot, connector, co, data).catch((e: unknown) => ({
        status: 0,
        body: { type: 'error', value: String(e) },
      }));
      const json = cardJson(r);
      if (
        r.status === 200 &&
        r.body?.type === 'application/vnd.microsoft.card.adaptive' &&
        json.includes('Recorded by')
      ) {
        acknowledged.push({ id, marker });
      } else {
        refused.push({ id, marker, data });
        if (
          r.body?.type === 'application/vnd.microsoft.activity.message' &&
          /Not saved.*try again/i.test(json)
        )
          refusedNotSaved++;
        else {
          refusedOther++;
          if (refusedOther <= 3)
            out(`  refused without "not saved, please try again" (HTTP ${r.status}): ${json.slice(0, 200)}`);
        }
      }
    }
    // Every refused submission can be sent again once the database is back.
    let resubmitted = 0;
    for (const r of refused) {
      const again = await click(bot, connector, co, r.data);
      if (cardJson(again).includes('Recorded by')) {
        resubmitted++;
        acknowledged.push({ id: r.id, marker: r.marker });
      }
    }
    // Straight to the database: is every acknowledged submission there?
    const client = new MongoClient(db.uri);
    await client.connect();
    const events = await client
      .db(dbName)
      .collection('events')
      .find({ applicationId: { $in: ids } })
      .toArray();
    await client.close();
    const stored = JSON.stringify(events);
    const lost = acknowledged.filter((a) => !stored.includes(a.marker)).length;
    if (lost > 0) failures.push(`${lost} acknowledged submissions are not in the database`);
    if (readyzWhileDown.length === 0 || readyzWhileDown.some((s) => s !== 503))
      failures.push(`/readyz while the database was down: ${readyzWhileDown.join(', ')} (want 503)`);
    if (refused.length === 0)
      failures.push('no submission was refused while the database was down: the fault was not exercised');
    if (refusedOther > 0)
      failures.push(`${refusedOther} refusals were not the "not saved, please try again" message`);
    if (resubmitted !== refused.length)
      failures.push(`${refused.length - resubmitted} refused submissions could not be resubmitted`);
    return {
      acknowledged: acknowledged.length - resubmitted,
      refused: refused.length,
      refusedNotSaved,
      refusedOther,
      lost,
      resubmitted,
      readyzWhileDown,
      failures,
    };
  } finally {
    await bot.stop();
    await db.kill();
  }
}

// ------------------------------------------------------------------ (b) several instances

interface InstancesResult {
  applications: number;
  dialogsAcrossInstances: number;
  decisionClicks: number;
  decisions: Record<string, number>;
  proactiveMessages: number;
  outboxSent: number;
  duplicateMessages: number;
  unsent: number;
  failures: string[];
}

async function severalInstances(
  bin: string,
  pgUrl: string,
  work: string,
  connector: Connector,
): Promise<InstancesResult> {
  const failures: string[] = [];
  const db = new FerretDb(bin, pgUrl, path.join(work, 'shared-db'));
  await db.start();
  const dbName = `reliability_instances_${randomUUID().slice(0, 8)}`;
  const env = { MONGODB_URI: db.uri, MONGODB_DB: dbName, DIRECTORY_FILE: path.join(work, 'directory.json') };
  const a = new BotProcess('A', env, path.join(work, 'bot-a.log'));
  const b = new BotProcess('B', env, path.join(work, 'bot-b.log'));
  await a.start();
  await b.start();
  const before = connector.sent.length;
  try {
    for (const [i, p] of PEOPLE.entries())
      await post(i % 2 ? a : b, activity(connector, p, { type: 'installationUpdate', action: 'add' }));
    await say(a, connector, admin, `register channel custodial-decisions ${SITE}`, true);
    const APPS = 4;
    const ids: string[] = [];
    for (let i = 0; i < APPS; i++) {
      // The form is asked for on one instance and submitted on the other.
      const [first, second] = i % 2 ? [a, b] : [b, a];
      ids.push(await startAssessment(first, second, connector, `8200${i}000`));
    }
    for (const [i, id] of ids.entries()) await toDecision(i % 2 ? a : b, connector, id);
    // Ten concurrent decision clicks per application, from two managers, through both instances.
    const clicks = ids.flatMap((id) =>
      Array.from({ length: 10 }, (_, k) =>
        click(k % 2 ? a : b, connector, k % 4 < 2 ? gm1 : gm2, {
          card: 'f17.decision',
          applicationId: id,
          command: 'f17.decide',
          outcome: k % 3 ? 'approved' : 'declined',
          consideration: 'Considered',
          reasons: 'Low risk',
          releasableReasons: 'Low risk',
          releasableChecked: 'true',
        }).catch((e: unknown) => ({ status: 0, body: { value: String(e) } })),
      ),
    );
    const results = await Promise.all(clicks);
    const bad = results.filter((r) => r.status !== 200).length;
    if (bad) failures.push(`${bad} decision clicks did not get 200`);
    // Let both outbox workers deliver everything.
    const client = new MongoClient(db.uri);
    await client.connect();
    const outbox = client
      .db(dbName)
      .collection<{ _id: string; status: string; text: string; activityId?: string }>('outbox');
    // Drained and still drained a few seconds later: the reconcile sweep enqueues the edits of
    // cards people hold after the decisions, so an empty queue at one instant is not the end.
    const drained = async () => (await outbox.countDocuments({ status: 'pending' })) === 0;
    await waitFor(
      'the outbox to drain',
      async () => (await drained()) && (await sleep(3000).then(drained)),
      90_000,
    ).catch((e: unknown) => failures.push(String(e)));
    const events = await client
      .db(dbName)
      .collection<{ applicationId: string; type: string }>('events')
      .find({ applicationId: { $in: ids } })
      .toArray();
    const messages = await outbox.find({}).toArray();
    await client.close();
    const decisions: Record<string, number> = {};
    for (const id of ids)
      decisions[id] = events.filter((e) => e.applicationId === id && e.type === 'f17.decided').length;
    for (const [id, n] of Object.entries(decisions)) if (n !== 1) failures.push(`${id} has ${n} decisions`);
    const sent = messages.filter((m) => m.status === 'sent');
    const unsent = messages.length - sent.length;
    if (unsent) failures.push(`${unsent} outbox messages not sent`);
    // A proactive send carries its outbox message's text; replies within a turn do not. Each such
    // POST must be the one activity its outbox message recorded: any other is a second delivery.
    const outboxTexts = new Set(messages.map((m) => m.text));
    const proactive = connector.sent
      .slice(before)
      .filter((s) => s.method === 'POST' && typeof s.body.text === 'string' && outboxTexts.has(s.body.text));
    const recorded = new Set(sent.map((m) => m.activityId));
    const duplicates = proactive.filter((s) => !recorded.has(s.id)).length;
    if (duplicates)
      failures.push(`${duplicates} proactive messages were sent that no outbox message owns (duplicates)`);
    return {
      applications: ids.length,
      dialogsAcrossInstances: ids.length,
      decisionClicks: clicks.length,
      decisions,
      proactiveMessages: proactive.length,
      outboxSent: sent.length,
      duplicateMessages: duplicates,
      unsent,
      failures,
    };
  } finally {
    await a.stop();
    await b.stop();
    await db.kill();
  }
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const bin = process.env.FERRETDB_BIN ?? path.join(process.env.HOME ?? '', 'go/bin/ferretdb');
  if (!existsSync(bin)) {
    out(`FerretDB not found at ${bin}; set FERRETDB_BIN`);
    process.exit(2);
  }
  const pgUrl = process.env.TAUTOKO_POSTGRESQL_URL;
  if (!pgUrl) {
    out('TAUTOKO_POSTGRESQL_URL is not set: FerretDB runs over PostgreSQL (bash .ci/db.sh starts one)');
    process.exit(2);
  }
  const work = mkdtempSync(path.join(tmpdir(), 'tautoko-reliability-'));
  writeFileSync(path.join(work, 'directory.json'), JSON.stringify({ people: PEOPLE }));
  const connector = new Connector();
  await connector.start();
  let ok = false;
  try {
    out('(a) database faults: kill FerretDB mid-run and restart it on the same PostgreSQL database');
    const faults = await databaseFaults(bin, pgUrl, work, connector);
    out(
      `  acknowledged ${faults.acknowledged} / refused ${faults.refused} (all "not saved, please try again": ${faults.refusedOther === 0}) / lost ${faults.lost}; refused then resubmitted: ${faults.resubmitted}; /readyz while down: ${faults.readyzWhileDown.join(', ')}`,
    );
    out('(b) several instances: two bot processes, one database');
    const instances = await severalInstances(bin, pgUrl, work, connector);
    out(
      `  ${instances.applications} assessments (each form asked for on one instance, submitted on the other); ${instances.decisionClicks} concurrent decision clicks -> decisions per assessment ${Object.values(instances.decisions).join(', ')}; proactive messages ${instances.proactiveMessages} for ${instances.outboxSent} outbox messages sent, duplicates ${instances.duplicateMessages}, unsent ${instances.unsent}`,
    );
    const failures = [...faults.failures, ...instances.failures];
    for (const f of failures) out(`  FAILED: ${f}`);
    ok = failures.length === 0;
    out(`RELIABILITY ${JSON.stringify({ ok, faults, instances })}`);
  } finally {
    await connector.stop();
    if (ok) rmSync(work, { recursive: true, force: true });
    else out(`logs kept in ${work}`);
  }
  process.exit(ok ? 0 : 1);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
