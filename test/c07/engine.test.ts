import { strict as assert } from 'node:assert';
import { c07Cards } from '../../cards/c07';
import { FIXTURE_NOW, HUI_SITE, huiPeople, namingCaseManager } from '../fixtures/c07';
import type { Actor } from '../../services/directory/person';
import { verifyChain } from '../../services/audit/hashChain';
import type { FixedClock } from '../../services/clock';
import { AlreadyDoneError, DomainError } from '../../services/errors';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { Store } from '../../services/store/types';
import type { ApplicationDoc } from '../../services/workflow/domain';
import type { WorkflowEngine } from '../../services/workflow/engine';
import { c07Definition } from '../../services/workflows/c07/definition';
import { entryThreadKey } from '../../services/workflows/c07/model';
import type { HuiState } from '../../services/workflows/c07/model';
import type { TestMongo } from '../helpers/db';
import { testMongoOrSkip } from '../helpers/db';
import { Driver } from '../helpers/driver';

const { caseManager: cm, caseOfficer, director, deputyDirector } = huiPeople;
function engineSuite(name: string, openStore: () => Promise<Store>) {
  describe(`C.07 support hui through the engine (${name})`, () => {
    let driver: Driver;
    let store: Store;
    let clock: FixedClock;
    let engine: WorkflowEngine;

    beforeEach(async () => {
      driver = await Driver.open({
        store: await openStore(),
        people: Object.values(huiPeople),
        now: FIXTURE_NOW,
        workflows: [c07Definition],
      });
      ({ store, clock, engine } = driver);
    });

    const exec = (id: string, command: Record<string, unknown>, actor: Actor) =>
      driver.act(id, command, actor);

    async function signedOff(): Promise<ApplicationDoc<HuiState>> {
      const app = await driver.start<HuiState>('C07', namingCaseManager(cm), caseOfficer);
      for (const p of app.state.supportPeople) {
        await exec(
          app._id,
          { type: 'c07.recordPrisonerConsent', personId: p.id, prisonerConsent: 'given' },
          caseOfficer,
        );
        await exec(
          app._id,
          { type: 'c07.recordSupportConsent', personId: p.id, supportConsent: 'given' },
          caseOfficer,
        );
        await exec(
          app._id,
          {
            type: 'c07.recordSuitability',
            personId: p.id,
            suitable: 'yes',
            assessment: 'Stable pro-social support.',
            involvement: 'full',
            contactPlan: 'Phone first.',
            iomsRecorded: 'true',
          },
          cm,
        );
      }
      await exec(app._id, { type: 'c07.sendForSignOff' }, cm);
      const { app: done } = await exec(app._id, { type: 'c07.signOff' }, director);
      return done as ApplicationDoc<HuiState>;
    }

    it('runs from "new hui" to the entry-staff channel post, with an audit event for every change', async () => {
      const app = await signedOff();
      assert.match(app._id, /^HUI-2026-\d{5}$/);
      assert.equal(app.stage, 'signed-off');
      const deliveries = await driver.deliver();
      const channel = deliveries.filter((d) => d.message.target.kind === 'channel');
      assert.equal(channel.length, 1);
      assert.deepEqual(channel[0]!.message.target, {
        kind: 'channel',
        purpose: 'entry-staff',
        site: HUI_SITE,
      });
      assert.equal(channel[0]!.message.threadKey, entryThreadKey(app._id));
      assert.equal(channel[0]!.message.cardRef?.name, 'c07.entrypost');
      assert.equal(channel[0]!.action, 'post');

      // The named case manager heard they were named; the prison director got the notification card.
      const toCm = deliveries.filter(
        (d) => d.message.target.kind === 'person' && d.message.target.aadObjectId === cm.aadObjectId,
      );
      assert.ok(toCm.some((d) => d.message.cardRef?.name === 'c07.consent'));
      const toDirectors = deliveries.filter((d) => d.message.cardRef?.name === 'c07.notification');
      assert.deepEqual(
        toDirectors
          .map((d) => (d.message.target.kind === 'person' ? d.message.target.aadObjectId : ''))
          .sort(),
        [director.aadObjectId, deputyDirector.aadObjectId].sort(),
      );

      // The post as entry staff will see it, rendered from the stored application.
      const stored = (await engine.load(app._id)) as ApplicationDoc<HuiState>;
      const post = JSON.stringify(
        c07Cards['c07.entrypost']!({ app: stored, viewer: caseOfficer, now: clock.now(), params: {} }),
      );
      assert.match(post, /NOT a private visit: participants do not need to be approved visitors/);
      assert.match(post, /Sun 5 Apr 2026, 10:00 AM/);
      assert.match(post, /Mere Ngata \(Mother\)/);
      assert.doesNotMatch(post, /021 555 0101/, 'contact details stay off the channel');
      assert.doesNotMatch(post, /Stable pro-social support/, 'suitability assessments stay off the channel');

      const history = await engine.history(app._id);
      assert.equal(history.length, app.version);
      assert.deepEqual(
        verifyChain(history),
        { ok: true, count: history.length },
        'the audit chain verifies as stored',
      );
      assert.ok(history.every((e) => e.actor.aadObjectId && e.activityId && e.correlationId));
      assert.deepEqual(history.map((e) => e.type).slice(-2), ['c07.sentForSignOff', 'c07.signedOff']);
    });

    it('a change after sign-off goes back for sign-off and updates the same channel post (same threadKey)', async () => {
      const app = await signedOff();
      const first = (await driver.deliver()).filter((d) => d.message.target.kind === 'channel');
      assert.equal(first.length, 1);

      clock.advance(60_000);
      const { app: moved } = await exec(
        app._id,
        {
          type: 'c07.reschedule',
          newDate: '2026-04-12',
          newTime: '13:30',
          newDuration: '60',
          rescheduleReason: 'Whānau cannot travel on the 5th.',
        },
        cm,
      );
      assert.equal(moved.stage, 'awaiting-sign-off');
      const afterChange = await driver.deliver();
      const changeToChannel = afterChange.filter((d) => d.message.target.kind === 'channel');
      assert.equal(changeToChannel.length, 1);
      assert.equal(changeToChannel[0]!.action, 'update');
      assert.ok(
        afterChange.some((d) => d.message.cardRef?.name === 'c07.notification'),
        'the manager is asked again',
      );

      await assert.rejects(
        exec(app._id, { type: 'c07.recordOutcome', outcomeActions: 'x', iomsRecorded: 'true' }, cm),
        DomainError,
      );
      clock.advance(60_000);
      await exec(app._id, { type: 'c07.signOff' }, deputyDirector);
      const afterResign = (await driver.deliver()).filter((d) => d.message.target.kind === 'channel');
      assert.equal(afterResign.length, 1);
      const all = [...first, ...changeToChannel, ...afterResign];
      assert.equal(new Set(all.map((d) => d.message.threadKey)).size, 1, 'one thread');
      assert.equal(new Set(all.map((d) => d.message._id)).size, 3, 'three distinct messages');
      assert.deepEqual(
        all.map((d) => d.action),
        ['post', 'update', 'update'],
      );
      assert.equal(new Set(all.map((d) => d.postedActivityId)).size, 1, 'all edit the one Teams message');

      const stored = (await engine.load(app._id)) as ApplicationDoc<HuiState>;
      const post = JSON.stringify(
        c07Cards['c07.entrypost']!({ app: stored, viewer: caseOfficer, now: clock.now(), params: {} }),
      );
      assert.match(post, /Sun 12 Apr 2026, 1:30 PM/);
      assert.match(post, /UPDATED/);
    });

    it('signs off exactly once when several managers click at the same moment', async () => {
      const noSupportPeople = { sp1Name: '', sp1Relationship: '', sp1Contact: '' };
      const app = await driver.start<HuiState>(
        'C07',
        { ...noSupportPeople, sp2Name: '', sp2Relationship: '', sp2Contact: '' },
        cm,
      );
      await exec(app._id, { type: 'c07.sendForSignOff' }, cm);
      await driver.deliver();
      const clicks = [director, deputyDirector, director, deputyDirector, director].map((who) =>
        exec(app._id, { type: 'c07.signOff' }, who),
      );
      const results = await Promise.allSettled(clicks);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(ok.length, 1);
      assert.equal(refused.length, 4);
      for (const r of refused) {
        assert.ok(r.reason instanceof AlreadyDoneError, String(r.reason));
        assert.match(r.reason.userMessage, /^Already signed off by (Helen Brown|Rangi Tau) at /);
        assert.ok(r.reason.by?.at instanceof Date);
      }
      const history = await engine.history(app._id);
      assert.equal(history.filter((e) => e.type === 'c07.signedOff').length, 1);
      const posts = (await driver.deliver()).filter((d) => d.message.target.kind === 'channel');
      assert.equal(posts.length, 1);
    });

    it('reads a hui stored with C.07’s old stamps ({ by, byName, at }) with the shared ones, folded from its trail', async () => {
      const app = await signedOff();
      const stored = (await store.applications.get(app._id)) as ApplicationDoc<HuiState>;
      assert.equal(stored.stateVersion, 1);
      // The snapshot as the earlier shape wrote it: no stateVersion, stamps as { by, byName, at }.
      const old = (st: { aadObjectId: string; name: string; at: string }) => ({
        by: st.aadObjectId,
        byName: st.name,
        at: st.at,
      });
      const { stateVersion: _v, ...unversioned } = stored;
      void _v;
      const { aadObjectId: _id, name: _name, ...signOff } = stored.state.signOff!;
      void [_id, _name];
      const legacy = {
        ...unversioned,
        state: {
          ...stored.state,
          signOff: { ...signOff, ...old(stored.state.signOff!) },
          signOffs: [],
          supportPeople: [],
        },
      };
      assert.equal(await store.applications.replaceIfVersion(legacy as ApplicationDoc, stored.version), true);

      const read = (await engine.load(app._id)) as ApplicationDoc<HuiState>;
      assert.equal(read.stateVersion, 1);
      assert.deepEqual(read.state, stored.state);
      assert.deepEqual(
        [read.state.signOff!.aadObjectId, read.state.signOff!.name],
        [director.aadObjectId, director.name],
      );
      assert.equal(read.state.supportPeople[0]!.suitability!.name, cm.name);
      // A second click on the sign-off names who signed off, from the folded state.
      await assert.rejects(exec(app._id, { type: 'c07.signOff' }, director), (e: unknown) => {
        assert.ok(e instanceof AlreadyDoneError);
        assert.match(e.userMessage, new RegExp(`^Already signed off by ${director.name} at `));
        return true;
      });
    });

    it('shows the outcome task in "my tasks" only from the end of the hui, until it is recorded', async () => {
      const app = await signedOff();
      const key = `person:${cm.aadObjectId}`;
      const open = await store.applications.findByTaskKeys([key], 10);
      const task = open.find((a) => a._id === app._id)?.openTasks.find((t) => t.key === 'c07:outcome');
      assert.ok(task?.availableFrom);
      assert.ok(task.availableFrom.getTime() > clock.now().getTime(), 'not yet available before the hui');
      clock.set(new Date(task.availableFrom.getTime() + 1));
      await exec(
        app._id,
        {
          type: 'c07.recordOutcome',
          outcomeActions: 'Accommodation with Mere confirmed; mentor starts in May.',
          iomsRecorded: 'true',
        },
        cm,
      );
      const after = await store.applications.findByTaskKeys([key], 10);
      assert.equal(
        after.find((a) => a._id === app._id),
        undefined,
      );
      const done = (await engine.load(app._id)) as ApplicationDoc<HuiState>;
      assert.equal(done.closed, true);
      assert.equal(done.state.outcome?.actions, 'Accommodation with Mere confirmed; mentor starts in May.');
    });

    it('cancelling after sign-off tells the manager and updates the entry-staff post', async () => {
      const app = await signedOff();
      await driver.deliver();
      await exec(
        app._id,
        { type: 'c07.cancel', cancelReason: 'Prisoner transferred to Arohata.' },
        caseOfficer,
      );
      const d = await driver.deliver();
      const channel = d.filter((x) => x.message.target.kind === 'channel');
      assert.equal(channel.length, 1);
      assert.equal(channel[0]!.action, 'update');
      // Edits of cards people already hold (updateOf) bring every holder's card up to date,
      // the canceller's too; "news" is a new message.
      const people = d
        .filter((x) => x.message.target.kind === 'person' && !x.message.updateOf)
        .map((x) => (x.message.target as { aadObjectId: string }).aadObjectId);
      assert.ok(people.includes(cm.aadObjectId));
      assert.ok(people.includes(director.aadObjectId));
      assert.ok(people.includes(deputyDirector.aadObjectId));
      assert.ok(
        !people.includes(caseOfficer.aadObjectId),
        'the person who cancelled is not told their own news',
      );
    });
  });
}

engineSuite('in-memory store', async () => createMemoryStore());

describe('C.07 support hui through the engine on MongoDB', function () {
  // FerretDB on a shared CI machine can be slow; a slow database is not a failure of the process.
  this.timeout(120_000);
  let mongo: TestMongo | undefined;
  before(async function () {
    mongo = await testMongoOrSkip(this);
  });
  after(async () => {
    await mongo?.close();
  });
  engineSuite('MongoDB', async () => mongo!.open());
});
