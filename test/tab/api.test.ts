import assert from 'node:assert/strict';
import { INTEL_MARKER } from '../fixtures/f17';
import { SYSTEM_CHAIN } from '../../services/audit/systemLog';
import { verifyAudit } from '../../services/audit/verify';
import type { Store } from '../../services/store/types';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';
import { people, TabEnv } from './helpers';

interface ListPage {
  rows: Array<{ id: string; prisonerName: string; overdue: boolean; closed: boolean; stage: string }>;
  total: number;
  page: number;
  pageSize: number;
}
type Block = {
  type: string;
  text?: string;
  title?: string;
  blocks?: Block[];
  facts?: Array<{ title: string; value: string }>;
};

const PRISONERS = [
  { id: '80010001', name: 'Tama Rāwiri', consent: true },
  { id: '80010002', name: 'Hōne Parata' },
  { id: '80010003', name: '=HYPERLINK("http://evil.example/x","click")' },
  ...Array.from({ length: 22 }, (_, i) => ({
    id: `8002${String(i).padStart(4, '0')}`,
    name: `Prisoner ${i}`,
  })),
];

/** The tab's API on a store: what each person may see, filters, search, paging, the page, the export. */
function suite(
  name: string,
  makeStore: (ctx: Mocha.Context) => Promise<Store | undefined>,
  cleanUp: () => Promise<void>,
) {
  describe(`My work tab API (${name})`, function () {
    this.timeout(120_000);
    let env: TabEnv;
    let ids: string[] = [];
    before(async function () {
      const store = await makeStore(this);
      env = await new TabEnv(store ? { store } : {}).start();
      ids = await env.seed(PRISONERS);
    });
    after(async () => {
      await cleanUp();
      await env?.stop();
    });

    const list = (who = people.caseManager, q = '') => env.json<ListPage>(`/api/tab/applications${q}`, who);

    it('lists the applications at my site, newest first, twenty a page', async () => {
      const first = await list();
      assert.equal(first.total, PRISONERS.length);
      assert.equal(first.rows.length, 20);
      assert.equal(first.rows[0]!.id, ids[ids.length - 1], 'newest first');
      const second = await list(people.caseManager, '?page=2');
      assert.equal(second.rows.length, PRISONERS.length - 20);
      assert.equal(
        new Set([...first.rows, ...second.rows].map((r) => r.id)).size,
        PRISONERS.length,
        'no overlap, none missing',
      );
    });

    it('searches by application id, prisoner id or name, in any case and with macrons', async () => {
      assert.deepEqual(
        (await list(people.caseManager, `?q=${encodeURIComponent('rāwiri')}`)).rows.map((r) => r.id),
        [ids[0]],
      );
      assert.deepEqual(
        (await list(people.caseManager, '?q=80010002')).rows.map((r) => r.id),
        [ids[1]],
      );
      assert.deepEqual(
        (await list(people.caseManager, `?q=${ids[2]!.toLowerCase()}`)).rows.map((r) => r.id),
        [ids[2]],
      );
      assert.equal(
        (await list(people.caseManager, `?q=${encodeURIComponent('.*')}`)).total,
        0,
        'the search is text, not a pattern',
      );
    });

    it('filters by process, stage, site and open, decided or overdue', async () => {
      assert.equal((await list(people.caseManager, '?kind=F17')).total, PRISONERS.length);
      assert.equal((await list(people.caseManager, '?kind=C07')).total, 0);
      const consented = await list(people.caseManager, '?stage=STAKEHOLDER');
      assert.deepEqual(
        consented.rows.map((r) => r.id),
        [ids[0]],
        'only the one with consent is at stakeholder input',
      );
      assert.equal((await list(people.caseManager, '?stage=awaiting-consent')).total, PRISONERS.length - 1);
      assert.equal((await list(people.caseManager, '?site=Rimutaka')).total, 0);
      assert.equal((await list(people.caseManager, '?state=open')).total, PRISONERS.length);
      assert.equal((await list(people.caseManager, '?state=closed')).total, 0);
      assert.equal((await list(people.caseManager, '?state=overdue')).total, 0, 'nothing is late yet');
    });

    it('refuses a filter it cannot read with 400', async () => {
      for (const q of ['?kind=XX', '?state=everything', '?page=0', `?q=${'x'.repeat(101)}`]) {
        const res = await env.get(`/api/tab/applications${q}`, env.token(people.caseManager.aadObjectId));
        assert.equal(res.status, 400, q);
      }
    });

    it('shows someone at another site nothing: an empty list, no tasks and 404 for the page', async () => {
      assert.equal((await list(people.otherSite)).total, 0);
      assert.deepEqual((await env.json<{ tasks: unknown[] }>('/api/tab/tasks', people.otherSite)).tasks, []);
      const res = await env.get(`/api/tab/applications/${ids[0]}`, env.token(people.otherSite.aadObjectId));
      assert.equal(res.status, 404);
      assert.ok(!res.body.includes('Rāwiri'));
      const missing = await env.get(
        '/api/tab/applications/MIX-2026-99999',
        env.token(people.otherSite.aadObjectId),
      );
      assert.equal(missing.body, res.body, 'not allowed and not there are the same answer');
    });

    it('my tasks: every open task for me, due first', async () => {
      const { tasks } = await env.json<{
        tasks: Array<{ applicationId: string; task: string; dueAt?: string }>;
      }>('/api/tab/tasks', people.caseManager);
      assert.ok(tasks.length >= PRISONERS.length - 1, `${tasks.length} tasks`);
      const due = tasks.map((t) => (t.dueAt ? Date.parse(t.dueAt) : Infinity));
      assert.deepEqual(
        due,
        [...due].sort((a, b) => a - b),
      );
    });

    it('the application page is the status card for the viewer: intelligence only for those who may read it', async () => {
      await env.harness.app.engine.execute(
        ids[0]!,
        {
          type: 'f17.submitSection',
          section: 'intelligence',
          risksMixing: INTEL_MARKER,
          risksOtherPrisoners: 'Manageable.',
        },
        people.intelligence,
        { activityId: 'intel-1', correlationId: 'intel-1' },
      );
      const forCaseManager = await env.json<{ blocks: Block[] }>(
        `/api/tab/applications/${ids[0]}`,
        people.caseManager,
      );
      const forIntel = await env.json<{ blocks: Block[] }>(
        `/api/tab/applications/${ids[0]}`,
        people.intelligence,
      );
      assert.ok(
        !JSON.stringify(forCaseManager).includes(INTEL_MARKER),
        'the case manager does not see intelligence',
      );
      assert.ok(JSON.stringify(forIntel).includes(INTEL_MARKER), 'intelligence sees its own section');
      const sections = forCaseManager.blocks.filter((b) => b.type === 'section').map((b) => b.title);
      assert.ok(sections.includes('Timeline'), `sections: ${sections.join(', ')}`);
      assert.ok(sections.includes('Consent'));
    });

    it('exports the filtered list as CSV for a manager, neutralised, and audits the export', async () => {
      const refused = await env.get('/api/tab/export.csv', env.token(people.caseManager.aadObjectId));
      assert.equal(refused.status, 403, 'a case manager may not export');
      const before = (await env.harness.store.events.list(SYSTEM_CHAIN)).length;
      const res = await env.get('/api/tab/export.csv?q=8001', env.token(people.gm.aadObjectId));
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(
        res.headers.get('content-disposition') ?? '',
        /^attachment; filename="tautoko-applications-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      assert.equal(lines.length, 4, 'a header and the three matching applications');
      assert.ok(lines[0]!.startsWith('"Application","Process","Prisoner ID","Prisoner name"'));
      assert.ok(
        res.body.includes(`"'=HYPERLINK(""http://evil.example/x"",""click"")"`),
        'the formula is text',
      );
      assert.ok(!/(^|,)"=/m.test(res.body), 'no cell starts with =');
      const events = await env.harness.store.events.list(SYSTEM_CHAIN);
      assert.equal(events.length, before + 1, 'one audit event for the export');
      const ev = events[events.length - 1]!;
      assert.equal(ev.type, 'tab.export');
      assert.equal(ev.actor.aadObjectId, people.gm.aadObjectId);
      assert.deepEqual(ev.payload.filter, { q: '8001' });
      assert.equal((ev.payload.applicationIds as string[]).length, 3);
      assert.deepEqual((await verifyAudit(env.harness.store)).broken, [], 'every audit chain verifies');
    });

    it('overdue: open applications with a task past its due date', async () => {
      // Give one application's task a due date in the past (the others are due later, or have no date).
      const doc = (await env.harness.store.applications.get(ids[1]!))!;
      const now = env.harness.clock.now();
      doc.openTasks = doc.openTasks.map((t, i) =>
        i === 0 ? { ...t, dueAt: new Date(now.getTime() - 86_400_000) } : t,
      );
      assert.ok(
        await env.harness.store.applications.replaceIfVersion(
          { ...doc, version: doc.version + 1 },
          doc.version,
        ),
      );
      const overdue = await list(people.caseManager, '?state=overdue');
      assert.deepEqual(
        overdue.rows.map((r) => [r.id, r.overdue]),
        [[ids[1], true]],
      );
      const { tasks } = await env.json<{ tasks: Array<{ applicationId: string; overdue: boolean }> }>(
        '/api/tab/tasks',
        people.caseManager,
      );
      assert.deepEqual(tasks[0], { ...tasks[0], applicationId: ids[1], overdue: true }, 'overdue first');
      assert.equal(tasks.filter((t) => t.overdue).length, 1);
    });

    it('a manager at another site exports nothing of ours', async () => {
      const res = await env.get('/api/tab/export.csv', env.token(people.otherSite.aadObjectId));
      assert.equal(res.status, 200);
      assert.equal(
        res.body
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n').length,
        1,
        'the header only',
      );
    });
  });
}

suite(
  'memory',
  async () => undefined,
  async () => undefined,
);

let mongo: TestMongo | undefined;
suite(
  'MongoDB',
  async (ctx) => {
    mongo = await testMongoOrSkip(ctx);
    return mongo.open();
  },
  // The databases go before the bot closes the client they share.
  async () => {
    await mongo?.dropAll();
  },
);
