import assert from 'node:assert/strict';
import { people, startInput } from '../fixtures/f17';
import { FixedClock } from '../../services/clock';
import { createLogger } from '../../services/logger';
import { DueDates } from '../../services/scheduler/dueDates';
import { DigestPreferences } from '../../services/scheduler/preferences';
import { Scheduler } from '../../services/scheduler/scheduler';
import { DEFAULT_DEADLINE_SETTINGS } from '../../services/scheduler/settings';
import { MongoClient } from 'mongodb';
import { MONGO_CLIENT_OPTIONS, MongoStore } from '../../services/store/mongo/mongoStore';
import { WorkflowEngine } from '../../services/workflow/engine';
import { workflows } from '../../cards/processes';
import type { TestMongo } from '../helpers/db';
import { testMongoOrSkip } from '../helpers/db';

const logger = createLogger({ level: 'silent' });
const nzdt = (local: string) => new Date(new Date(`${local}Z`).getTime() - 13 * 3600_000);

describe('two scheduler processes against one MongoDB', function () {
  this.timeout(120_000);
  let a: TestMongo;
  let b: TestMongo;

  before(async function () {
    a = await testMongoOrSkip(this);
    b = await testMongoOrSkip(this);
  });
  after(async () => {
    await b?.client.close();
    await a?.close();
  });

  it('each reminder, overdue notice, escalation and digest is in the outbox once, however the ticks race', async () => {
    const storeA = await a.open();
    // The second process: its own client and connection pool, the same database.
    const storeB = new MongoStore(b.client, b.client.db(storeA.db.databaseName));
    const clock = new FixedClock(nzdt('2026-03-02T10:00'));
    const settings = {
      ...DEFAULT_DEADLINE_SETTINGS,
      calendar: { ...DEFAULT_DEADLINE_SETTINGS.calendar, siteRegions: { Arohata: 'WGN' } },
    };
    for (const p of [people.caseManager, people.caseOfficer, people.intelligence, people.csm])
      await storeA.people.upsert({ ...p, email: `${p.aadObjectId}@corrections.example` });
    const processes = [storeA, storeB].map((store) => {
      const dueDates = new DueDates(settings);
      const engine = new WorkflowEngine(store, workflows, clock, logger, dueDates);
      const scheduler = new Scheduler(
        store,
        engine,
        dueDates,
        clock,
        logger,
        { tickMs: 60_000, digest: true },
        new DigestPreferences(store.state),
      );
      return { engine, scheduler };
    });
    const engine = processes[0]!.engine;
    const origin = { activityId: 'act-1', correlationId: 'c-1' };
    const app = await engine.start('F17', startInput(), people.caseManager, origin);
    await engine.execute(
      app._id,
      {
        type: 'f17.recordConsent',
        consentObtainedBy: 'Aroha Ngata',
        consentDate: '2026-03-02',
        consentFormReference: 'IOMS 1',
      },
      people.caseManager,
      { ...origin, activityId: 'act-2' },
    );

    let leaders = 0;
    for (const day of ['2026-03-06', '2026-03-10', '2026-03-12']) {
      // Rounds 4 minutes apart: the 3-minute lease lapses between them, so the two race for it each time.
      for (let round = 0; round < 4; round++) {
        clock.set(new Date(nzdt(`${day}T08:30`).getTime() + round * 4 * 60_000));
        const results = await Promise.all(processes.map((p) => p.scheduler.tick()));
        leaders += results.filter((r) => r.leader).length;
      }
    }
    assert.ok(leaders >= 12, `someone acted in every round (${leaders})`);
    const ids = (
      await storeA.db
        .collection('outbox')
        .find({}, { projection: { _id: 1 } })
        .toArray()
    )
      .map((d) => String(d._id))
      .filter((id) => id.startsWith('deadline:') || id.startsWith('digest:'))
      .map((id) => id.replace(/:\d{13}:/, ':'))
      .sort();
    assert.deepEqual(ids, [
      'deadline:MIX-2026-00001:section:caseManagement:escalation:aad-csm-1',
      'deadline:MIX-2026-00001:section:caseManagement:overdue:aad-cm-1',
      'deadline:MIX-2026-00001:section:caseManagement:reminder:aad-cm-1',
      'deadline:MIX-2026-00001:section:intelligence:escalation:aad-csm-1',
      'deadline:MIX-2026-00001:section:intelligence:overdue:aad-int-1',
      'deadline:MIX-2026-00001:section:intelligence:reminder:aad-int-1',
      'deadline:MIX-2026-00001:section:unit:escalation:aad-csm-1',
      'deadline:MIX-2026-00001:section:unit:overdue:aad-co-1',
      'deadline:MIX-2026-00001:section:unit:reminder:aad-co-1',
      'digest:2026-03-10:aad-cm-1',
      'digest:2026-03-10:aad-co-1',
      'digest:2026-03-10:aad-int-1',
      'digest:2026-03-12:aad-cm-1',
      'digest:2026-03-12:aad-co-1',
      'digest:2026-03-12:aad-int-1',
    ]);
  });

  it('an idle tick costs a handful of database commands: the holder 4 (the lease and one query), another process 2', async () => {
    const storeA = await a.open();
    const counted = new MongoClient(a.uri, { ...MONGO_CLIENT_OPTIONS, monitorCommands: true });
    await counted.connect();
    const commands: string[] = [];
    counted.on('commandStarted', (e) => commands.push(e.commandName));
    try {
      const store = new MongoStore(counted, counted.db(storeA.db.databaseName));
      const clock = new FixedClock(nzdt('2026-03-03T10:00'));
      const make = () => {
        const dueDates = new DueDates();
        const engine = new WorkflowEngine(store, workflows, clock, logger, dueDates);
        return new Scheduler(
          store,
          engine,
          dueDates,
          clock,
          logger,
          { tickMs: 60_000, digest: true },
          new DigestPreferences(store.state),
        );
      };
      const [holder, other] = [make(), make()];
      assert.equal((await holder.tick()).leader, true);
      commands.length = 0;
      assert.equal((await holder.tick()).leader, true);
      const holderCommands = commands.splice(0);
      assert.equal((await other.tick()).leader, false);
      const otherCommands = commands.splice(0);
      assert.ok(holderCommands.length <= 4, `holder: ${holderCommands.join(', ')}`);
      assert.ok(otherCommands.length <= 2, `other: ${otherCommands.join(', ')}`);
      // At the default 60 s tick that is well under one request a second per process, with the outbox's idle poll.
    } finally {
      await counted.close();
    }
  });
});
