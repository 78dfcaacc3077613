import assert from 'node:assert/strict';
import { FIXTURE_NOW, huiPeople, namingCaseManager } from '../fixtures/c07';
import { answers, people, startInput } from '../fixtures/f17';
import { orderInput, people as v01People } from '../fixtures/v01';
import { FixedClock } from '../../services/clock';
import type { Actor } from '../../services/directory/person';
import { createLogger } from '../../services/logger';
import { DueDates } from '../../services/scheduler/dueDates';
import { DigestPreferences } from '../../services/scheduler/preferences';
import { Scheduler } from '../../services/scheduler/scheduler';
import { DEFAULT_DEADLINE_SETTINGS } from '../../services/scheduler/settings';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { OutboxMessage, Store } from '../../services/store/types';
import { WorkflowEngine } from '../../services/workflow/engine';
import { SYSTEM_ACTOR_ID } from '../../services/workflow/system';
import { workflows } from '../../cards/processes';

const logger = createLogger({ level: 'silent' });
const settings = {
  ...DEFAULT_DEADLINE_SETTINGS,
  calendar: { ...DEFAULT_DEADLINE_SETTINGS.calendar, siteRegions: { Arohata: 'WGN', Rimutaka: 'WGN' } },
};
const admin: Actor = { aadObjectId: 'aad-admin-1', name: 'Ada Admin', roles: [{ role: 'admin', site: '*' }] };
/** A New Zealand daylight-time local time (March) as an instant. */
const nzdt = (local: string) => new Date(new Date(`${local}Z`).getTime() - 13 * 3600_000);
let n = 0;
const origin = () => ({ activityId: `act-${++n}`, correlationId: `corr-${n}` });

async function seed(store: Store, actors: Actor[]): Promise<void> {
  for (const p of actors)
    await store.people.upsert({
      aadObjectId: p.aadObjectId,
      name: p.name,
      email: `${p.aadObjectId}@corrections.example`,
      roles: p.roles,
    });
}

function setup(at: Date, digest = false) {
  const store = createMemoryStore();
  const clock = new FixedClock(at);
  const dueDates = new DueDates(settings);
  const engine = new WorkflowEngine(store, workflows, clock, logger, dueDates);
  const scheduler = () =>
    new Scheduler(
      store,
      engine,
      dueDates,
      clock,
      logger,
      { tickMs: 60_000, digest },
      new DigestPreferences(store.state),
    );
  return { store, clock, engine, scheduler, dueDates };
}

/** Every message in the outbox, as "step → recipient" for the deadline messages. */
async function outbox(store: Store, filter = 'deadline:'): Promise<OutboxMessage[]> {
  const all: OutboxMessage[] = [];
  for (;;) {
    const m = await store.outbox.claimNext('test', new Date('2100-01-01'), new Date('2100-01-02'));
    if (!m) break;
    all.push(m);
    await store.outbox.markSent(m._id, 'test', new Date(), 'x');
  }
  return all.filter((m) => m._id.startsWith(filter));
}
const steps = (ms: OutboxMessage[]) =>
  ms
    .map((m) => {
      const [, , task, , step, who] = /^deadline:([^:]+):(.+):(\d+):([\w-]+):([^:]+)$/.exec(m._id) ?? [];
      return `${task}:${step} → ${who}`;
    })
    .sort();

describe('scheduler with a fake clock (F.17 sections, V.01 order expiry, C.07 hui outcome, digest)', () => {
  it('reminds, then sends the overdue notice, then escalates: each once, in working hours, none for done work', async () => {
    const { store, clock, engine, scheduler } = setup(nzdt('2026-03-02T10:00'));
    await seed(store, [
      people.caseManager,
      people.caseOfficer,
      people.intelligence,
      people.csm,
      people.gm,
      admin,
    ]);
    const app = await engine.start('F17', startInput(), people.caseManager, origin());
    await engine.execute(
      app._id,
      {
        type: 'f17.recordConsent',
        consentObtainedBy: 'Aroha Ngata',
        consentDate: '2026-03-02',
        consentFormReference: 'IOMS 1',
      },
      people.caseManager,
      origin(),
    );
    const loaded = (await engine.load(app._id))!;
    const unit = loaded.openTasks.find((t) => t.key === 'section:unit')!;
    assert.equal(unit.dueAt!.toISOString(), nzdt('2026-03-09T17:00').toISOString(), '5 working days');
    await outbox(store); // the workflow's own notifications
    const s = scheduler();

    clock.set(nzdt('2026-03-06T08:29'));
    assert.equal((await s.tick()).enqueued, 0, 'not before the working morning');
    clock.set(nzdt('2026-03-06T08:30'));
    await s.tick();
    assert.deepEqual(steps(await outbox(store)), [
      'section:caseManagement:reminder → aad-cm-1',
      'section:intelligence:reminder → aad-int-1',
      'section:unit:reminder → aad-co-1',
    ]);
    clock.set(nzdt('2026-03-06T09:00'));
    assert.equal((await s.tick()).enqueued, 0, 'the same reminder is not sent twice');

    clock.set(nzdt('2026-03-06T10:00'));
    await engine.execute(
      app._id,
      { type: 'f17.submitSection', section: 'unit', ...answers.unit },
      people.caseOfficer,
      origin(),
    );
    await outbox(store);
    clock.set(nzdt('2026-03-07T10:00'));
    assert.equal((await s.tick()).enqueued, 0, 'nothing on a Saturday');
    clock.set(nzdt('2026-03-10T07:00'));
    assert.equal((await s.tick()).enqueued, 0, 'nothing before opening');
    clock.set(nzdt('2026-03-10T08:30'));
    await s.tick();
    assert.deepEqual(steps(await outbox(store)), [
      'section:caseManagement:overdue → aad-cm-1',
      'section:intelligence:overdue → aad-int-1',
    ]);
    clock.set(nzdt('2026-03-12T08:30'));
    await s.tick();
    const escalations = await outbox(store);
    assert.deepEqual(steps(escalations), [
      'section:caseManagement:escalation → aad-csm-1',
      'section:intelligence:escalation → aad-csm-1',
    ]);
    assert.match(
      escalations[0]!.text,
      /^Escalated: .* was due Mon 9 Mar 2026, 5:00 (?:pm|PM) .*custodial systems manager \(Arohata\)/,
    );
    assert.equal(escalations[0]!.cardRef?.name, 'f17.status');

    const restarted = scheduler();
    clock.set(nzdt('2026-03-12T08:31'));
    assert.equal((await restarted.tick()).leader, false, 'the first scheduler still holds the lease');
    clock.set(nzdt('2026-03-12T09:00'));
    const again = await restarted.tick();
    assert.equal(again.leader, true, 'the lease lapsed: the new process takes over');
    assert.equal(again.enqueued, 0, 'and sends nothing twice');

    await engine.execute(
      app._id,
      { type: 'f17.withdrawConsent', withdrawalNote: 'No longer wants to attend.' },
      people.caseManager,
      origin(),
    );
    await outbox(store);
    clock.set(nzdt('2026-03-20T09:00'));
    assert.equal((await restarted.tick()).enqueued, 0, 'nothing once the application is withdrawn');
    assert.equal((await outbox(store)).length, 0);
  });

  it('optional input gets a reminder but is never chased as overdue or escalated', async () => {
    const { store, clock, engine, scheduler } = setup(nzdt('2026-03-02T10:00'));
    await seed(store, [people.caseManager, people.psychologist, people.csm]);
    const app = await engine.start('F17', startInput(), people.caseManager, origin());
    await engine.execute(
      app._id,
      {
        type: 'f17.recordConsent',
        consentObtainedBy: 'Aroha Ngata',
        consentDate: '2026-03-02',
        consentFormReference: 'IOMS 1',
      },
      people.caseManager,
      origin(),
    );
    await outbox(store);
    const s = scheduler();
    for (const at of ['2026-03-06T08:30', '2026-03-10T08:30', '2026-03-12T08:30', '2026-03-20T08:30']) {
      clock.set(nzdt(at));
      await s.tick();
    }
    const toPsychologist = steps(await outbox(store)).filter((x) => x.endsWith('aad-psy-1'));
    assert.deepEqual(toPsychologist, ['section:psychology:reminder → aad-psy-1']);
  });

  it('records an order’s expiry at the close of its day as an audit event by Tautoko, and tells the reception/movements manager', async () => {
    const { store, clock, engine, scheduler } = setup(nzdt('2026-03-03T11:00'));
    await seed(store, [v01People.rmm, v01People.staff, admin]);
    const order = await engine.start('V01P', orderInput(), v01People.rmm, origin());
    for (const notice of ['order-visitor', 'order-prisoner-P1234567', 'order-prisoner-P7654321', 'ioms'])
      await engine.execute(
        order._id,
        { type: 'v01p.recordNoticeGiven', notice, method: 'by-hand' },
        v01People.staff,
        origin(),
      );
    await outbox(store, '');
    const s = scheduler();
    // In force until the close of Sunday 5 April (NZST after daylight saving ends that morning).
    clock.set(new Date('2026-04-05T11:59:59.000Z'));
    assert.equal((await s.tick()).timers, 0);
    assert.equal((await engine.load(order._id))!.closed, false);
    clock.set(new Date('2026-04-05T12:00:30.000Z'));
    assert.equal(
      (await s.tick()).timers,
      1,
      'recorded at once, even on a Sunday night: it is a fact, not a message',
    );
    const after = (await engine.load(order._id))!;
    assert.equal(after.stage, 'expired');
    assert.equal(after.closed, true);
    const expired = (await engine.history(order._id)).filter((e) => e.type === 'v01p.expired');
    assert.equal(expired.length, 1);
    assert.equal(expired[0]!.actor.aadObjectId, SYSTEM_ACTOR_ID);
    // New messages only: edits (updateOf) bring cards the manager already holds up to date.
    const told = (await outbox(store, '')).filter((m) => !m.updateOf);
    assert.deepEqual(
      told.map((m) => (m.target as { aadObjectId: string }).aadObjectId),
      [v01People.rmm.aadObjectId],
    );
    assert.match(told[0]!.text, /expired at the close of Sun 5 Apr 2026\. The visitor may reapply/);
    assert.equal((await s.tick()).timers, 0, 'once');
    await assert.rejects(
      engine.execute(order._id, { type: 'v01p.recordExpiry' }, v01People.rmm, origin()),
      /recorded by Tautoko itself|already recorded/,
    );
  });

  it('escalates a 21-day policy deadline before it passes (7 and 2 days left) to the configured role, and the overdue one after', async () => {
    const { store, clock, engine, scheduler } = setup(nzdt('2026-03-03T11:00'));
    await seed(store, [v01People.rmm, v01People.staff, v01People.inspector, admin]);
    const order = await engine.start('V01P', orderInput(), v01People.rmm, origin());
    await engine.execute(
      order._id,
      {
        type: 'v01p.requestReview',
        applicant: 'visitor',
        applicantName: 'Carl Smith',
        receivedOn: '2026-03-03',
        reasons: 'It was medicine',
      },
      v01People.staff,
      origin(),
    );
    await outbox(store, '');
    const s = scheduler();
    const at = async (local: string) => {
      clock.set(nzdt(local));
      await s.tick();
      // The order's notices task runs its own course (a follow-up): only the review is looked at here.
      return steps(await outbox(store)).filter((x) => x.startsWith('v01p.review'));
    };
    const review = (step: string, who: string) => `v01p.review.1:${step} → ${who}`;
    assert.deepEqual(await at('2026-03-16T16:00'), []);
    assert.deepEqual(await at('2026-03-17T08:30'), [review('left-7', admin.aadObjectId)]);
    assert.deepEqual(
      await at('2026-03-20T08:30'),
      [review('left-2', admin.aadObjectId)],
      'Sunday 22nd → Friday 20th',
    );
    assert.deepEqual(await at('2026-03-23T08:30'), [review('reminder', v01People.inspector.aadObjectId)]);
    assert.deepEqual(await at('2026-03-25T08:30'), [review('overdue', v01People.inspector.aadObjectId)]);
    assert.deepEqual(await at('2026-03-27T08:30'), [review('escalation', admin.aadObjectId)]);
  });

  it('tells the case manager the hui outcome is open once the hui is over, on the next working morning', async () => {
    const { store, clock, engine, scheduler } = setup(FIXTURE_NOW);
    await seed(store, Object.values(huiPeople));
    const cm = huiPeople.caseManager;
    const app = await engine.start('C07', namingCaseManager(cm), huiPeople.caseOfficer, origin());
    for (const p of (app.state as { supportPeople: Array<{ id: string }> }).supportPeople) {
      await engine.execute(
        app._id,
        { type: 'c07.recordPrisonerConsent', personId: p.id, prisonerConsent: 'given' },
        cm,
        origin(),
      );
      await engine.execute(
        app._id,
        { type: 'c07.recordSupportConsent', personId: p.id, supportConsent: 'given' },
        cm,
        origin(),
      );
      await engine.execute(
        app._id,
        {
          type: 'c07.recordSuitability',
          personId: p.id,
          suitable: 'yes',
          assessment: 'Stable.',
          involvement: 'full',
          contactPlan: 'Phone first.',
          iomsRecorded: 'true',
        },
        cm,
        origin(),
      );
    }
    await engine.execute(app._id, { type: 'c07.sendForSignOff' }, cm, origin());
    await engine.execute(app._id, { type: 'c07.signOff' }, huiPeople.director, origin());
    await outbox(store, '');
    const outcome = (await engine.load(app._id))!.openTasks.find((t) => t.key === 'c07:outcome')!;
    // The hui is on Sunday 5 April 10:00–11:30; Monday 6 April is Easter Monday.
    assert.equal(outcome.availableFrom!.toISOString(), '2026-04-04T23:30:00.000Z');
    assert.equal(
      outcome.dueAt!.toISOString(),
      '2026-04-08T05:00:00.000Z',
      'two working days: Wed 8 April 17:00 NZST',
    );
    const s = scheduler();
    clock.set(new Date('2026-04-05T00:00:00.000Z'));
    assert.equal((await s.tick()).enqueued, 0, 'not on the Sunday of the hui');
    clock.set(new Date('2026-04-06T21:00:00.000Z')); // Tue 7 April 09:00 NZST
    await s.tick();
    const told = await outbox(store);
    assert.deepEqual(steps(told), [`c07:outcome:available → ${cm.aadObjectId}`]);
    assert.match(
      told[0]!.text,
      /^Now open: Record the outcome actions of HUI-2026-\d{5}\. Due Wed 8 Apr 2026, 5:00 (?:pm|PM)\./,
    );
    assert.equal(told[0]!.cardRef?.name, 'c07.outcome');
  });

  it('sends one daily digest per person on a working morning, none to someone who said `digest off`', async () => {
    const { store, clock, engine, scheduler } = setup(nzdt('2026-03-02T10:00'), true);
    await seed(store, [people.caseManager, people.caseOfficer, people.intelligence, people.csm]);
    const app = await engine.start('F17', startInput(), people.caseManager, origin());
    await engine.execute(
      app._id,
      {
        type: 'f17.recordConsent',
        consentObtainedBy: 'Aroha Ngata',
        consentDate: '2026-03-02',
        consentFormReference: 'IOMS 1',
      },
      people.caseManager,
      origin(),
    );
    await new DigestPreferences(store.state).set(people.intelligence.aadObjectId, false, clock.now());
    const s = scheduler();
    clock.set(nzdt('2026-03-03T08:30'));
    await s.tick();
    await s.tick();
    const digests = await outbox(store, 'digest:');
    assert.deepEqual(digests.map((m) => m._id).sort(), [
      'digest:2026-03-03:aad-cm-1',
      'digest:2026-03-03:aad-co-1',
    ]);
    const co = digests.find((m) => m._id.endsWith('aad-co-1'))!;
    assert.equal(co.text, 'Your Tautoko tasks for Tue 3 Mar 2026: 1 new (1 open).');
    assert.deepEqual(co.cardRef, {
      name: 'generic.digest',
      params: { since: nzdt('2026-03-02T08:30').toISOString() },
    });
    clock.set(nzdt('2026-03-09T08:30'));
    await s.tick();
    const monday = await outbox(store, 'digest:');
    assert.match(monday.find((m) => m._id.endsWith('aad-co-1'))!.text, /: 1 due today \(1 open\)\.$/);
    await new DigestPreferences(store.state).set(people.intelligence.aadObjectId, true, clock.now());
    clock.set(nzdt('2026-03-10T08:30'));
    await s.tick();
    const tuesday = await outbox(store, 'digest:');
    assert.ok(
      tuesday.some((m) => m._id === 'digest:2026-03-10:aad-int-1'),
      'digest on again',
    );
    assert.match(tuesday.find((m) => m._id.endsWith('aad-int-1'))!.text, /: 1 overdue \(1 open\)\.$/);
  });
});
