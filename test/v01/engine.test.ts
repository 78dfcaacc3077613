import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { verifyChain } from '../../services/audit/hashChain';
import { FixedClock } from '../../services/clock';
import type { Person } from '../../services/directory/person';
import { actorFromPerson } from '../../services/directory/person';
import { AlreadyDoneError, DomainError } from '../../services/errors';
import { createLogger } from '../../services/logger';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { OutboxMessage, Store } from '../../services/store/types';
import { WorkflowEngine } from '../../services/workflow/engine';
import { workflows } from '../../cards/processes';
import type { V01State } from '../../services/workflows/v01/model';
import { cardRenderers } from '../../cards/registry';
import { childNomination, people } from '../fixtures/v01';
import { validateCard } from '../helpers/cardSchema';
import type { TestMongo } from '../helpers/db';
import { testMongoOrSkip } from '../helpers/db';

const SITE = 'Rimutaka';
const directory: Person[] = [
  ...Object.values(people).map((a) => ({
    aadObjectId: a.aadObjectId,
    name: a.name,
    email: `${a.aadObjectId}@corrections.example`,
    roles: a.roles,
  })),
  {
    aadObjectId: 'aad-gm2',
    name: 'Wiremu Pōtae',
    email: 'gm2@corrections.example',
    roles: [{ role: 'general-manager-custodial', site: SITE }],
  },
];
const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
let n = 0;
const origin = () => ({ activityId: `act-${++n}`, correlationId: `corr-${n}` });

async function setup(store: Store) {
  await store.people.replaceAll(directory);
  const clock = new FixedClock(new Date('2026-03-02T22:00:00Z'));
  const engine = new WorkflowEngine(store, workflows, clock, silent);
  const actor = async (id: string) => actorFromPerson((await store.people.get(id))!);
  return { engine, clock, actor };
}

async function outboxFor(store: Store, applicationId: string): Promise<OutboxMessage[]> {
  const out: OutboxMessage[] = [];
  for (;;) {
    const m = await store.outbox.claimNext('test', new Date('2030-01-01'), new Date('2030-01-02'));
    if (!m) break;
    await store.outbox.markSent(m._id, 'test', new Date('2030-01-01'), undefined);
    if (m.applicationId === applicationId) out.push(m);
  }
  return out;
}

const recipients = (ms: OutboxMessage[], card: string) =>
  ms
    .filter((m) => m.cardRef?.name === card)
    .map((m) => (m.target.kind === 'person' ? m.target.aadObjectId : m.target.purpose))
    .sort();

/** A child visit with a CPP alert through the advisory panel to the notices, as the bot layer drives it. */
async function childVisitThroughPanel(store: Store): Promise<void> {
  const { engine, clock, actor } = await setup(store);
  const staff = await actor('aad-staff');
  const app = await engine.start('V01', childNomination(), staff, origin());
  assert.match(app._id, /^VIS-2026-\d{5}$/);
  const run = async (who: string, command: Record<string, unknown>) => {
    clock.advance(60_000);
    return engine.execute(app._id, command, await actor(who), origin());
  };
  await run('aad-staff', { type: 'v01.recordFormsSent', sentTo: 'Kiri Henare', method: 'post' });
  await run('aad-staff', { type: 'v01.recordApplicationReceived', method: 'post' });
  for (const item of ['form-complete', 'identification', 'identities-queried', 'conviction-history'])
    await run('aad-staff', { type: 'v01.checkItem', item });
  await run('aad-staff', { type: 'v01.checkItem', item: 'authority', authorityGiven: 'yes' });
  await run('aad-staff', { type: 'v01.checkItem', item: 'visitor-entered', minorSelected: 'true' });
  await run('aad-staff', {
    type: 'v01.checkItem',
    item: 'security-checks',
    everImprisoned: 'no',
    onBail: 'no',
    convictedLastTwoYears: 'no',
  });
  const checked = await run('aad-staff', {
    type: 'v01.checkItem',
    item: 'further-information',
    furtherInformationTo: 'none',
  });
  assert.equal(checked.app.stage, 'panel-convening');

  // The bot layer fills the core members from the directory; the card never carries them.
  const core = (await store.people.withRole('advisory-panel-core', SITE)).map((p) => ({
    aadObjectId: p.aadObjectId,
    name: p.name,
  }));
  await run('aad-staff', { type: 'v01.convenePanel', coreMembers: core });
  await assert.rejects(
    run('aad-gm', { type: 'v01.decide', outcome: 'approved', rationale: 'x', cppReferred: 'true' }),
    (e: unknown) => e instanceof DomainError && e.kind === 'WRONG_STAGE',
  );
  await run('aad-core1', {
    type: 'v01.recordPanelAssessment',
    assessment: 'Positive bond; supervise.',
    recommendation: 'approve-with-conditions',
  });
  await run('aad-guest', {
    type: 'v01.recordPanelAssessment',
    assessment: 'Kaupapa Māori view: whānau contact matters.',
    recommendation: 'approve',
  });
  const waiting = await engine.load(app._id);
  assert.deepEqual(
    waiting?.openTasks.map((t) => t.assignee),
    ['aad-core2'],
  );
  await run('aad-core2', {
    type: 'v01.recordPanelAssessment',
    assessment: 'Agree.',
    recommendation: 'approve-with-conditions',
  });
  const decided = await run('aad-gm', {
    type: 'v01.decide',
    outcome: 'approved-with-conditions',
    conditions: 'non-contact,fully-supervised',
    conditionsOther: 'No gifts',
    rationale: 'Panel agreed.',
    cppReferred: 'true',
  });
  const state = decided.app.state as V01State;
  assert.equal(state.decision?.outcome, 'approved-with-conditions');
  assert.equal(decided.app.stage, 'follow-up');

  const outbox = await outboxFor(store, app._id);
  assert.deepEqual(recipients(outbox, 'v01.panel'), ['aad-core1', 'aad-core2', 'aad-guest', 'aad-staff']);
  assert.deepEqual(recipients(outbox, 'v01.decision'), ['aad-gm', 'aad-gm2']);
  assert.deepEqual(recipients(outbox, 'v01.notices'), ['aad-staff']);
  // Each message renders as a valid card for its recipient.
  const loaded = (await engine.load(app._id))!;
  for (const m of outbox) {
    const viewer = m.target.kind === 'person' ? await actor(m.target.aadObjectId) : staff;
    const card = cardRenderers[m.cardRef!.name]!({ app: loaded, viewer, now: clock.now(), params: {} });
    assert.deepEqual(validateCard(card), [], m.cardRef!.name);
  }
  const notices = cardRenderers['v01.notices']!({ app: loaded, viewer: staff, now: clock.now(), params: {} });
  const text = JSON.stringify(notices);
  assert.match(text, /V.01.Form.01.07 Child Visitor Approval Notification/);
  assert.match(text, /V.01.Form.01.10/);
  assert.match(text, /Fully supervised visits/);
  assert.doesNotMatch(text, /Positive bond/, 'panel assessments never reach a letter');

  await run('aad-staff', { type: 'v01.recordNoticeGiven', notice: 'decision-visitor', method: 'post' });
  const done = await run('aad-staff', {
    type: 'v01.recordNoticeGiven',
    notice: 'decision-prisoner',
    method: 'by-hand',
  });
  assert.equal(done.app.closed, false, 'the GM has still to enter it in IOMS');
  const entered = await run('aad-gm', { type: 'v01.recordFollowUp', item: 'ioms-child-assessment' });
  assert.equal(entered.app.closed, true);
  const history = await engine.history(app._id);
  assert.deepEqual(verifyChain(history), { ok: true, count: history.length });
  assert.ok(history.every((e) => e.activityId.startsWith('act-')));
}

/** Two general managers click Approve and Decline at the same moment: one decision, the other is told who. */
async function exactlyOnce(store: Store): Promise<void> {
  const { engine, actor } = await setup(store);
  const staff = await actor('aad-staff');
  const app = await engine.start('V01', childNomination({ visitorName: 'Mīria Henare' }), staff, origin());
  const steps: Array<[string, Record<string, unknown>]> = [
    ['aad-staff', { type: 'v01.recordFormsSent', sentTo: 'K', method: 'post' }],
    ['aad-staff', { type: 'v01.recordApplicationReceived', method: 'post' }],
    ['aad-staff', { type: 'v01.checkItem', item: 'form-complete' }],
    ['aad-staff', { type: 'v01.checkItem', item: 'identification' }],
    ['aad-staff', { type: 'v01.checkItem', item: 'authority', authorityGiven: 'yes' }],
    ['aad-staff', { type: 'v01.checkItem', item: 'visitor-entered', minorSelected: 'true' }],
    [
      'aad-staff',
      {
        type: 'v01.checkItem',
        item: 'security-checks',
        everImprisoned: 'no',
        onBail: 'no',
        convictedLastTwoYears: 'no',
      },
    ],
    ['aad-staff', { type: 'v01.checkItem', item: 'identities-queried' }],
    ['aad-staff', { type: 'v01.checkItem', item: 'conviction-history' }],
    ['aad-staff', { type: 'v01.checkItem', item: 'further-information', furtherInformationTo: 'none' }],
    [
      'aad-staff',
      { type: 'v01.convenePanel', coreMembers: [{ aadObjectId: 'aad-core1', name: 'Hemi Walker' }] },
    ],
    ['aad-core1', { type: 'v01.recordPanelAssessment', assessment: 'a', recommendation: 'approve' }],
  ];
  for (const [who, command] of steps) await engine.execute(app._id, command, await actor(who), origin());
  const approve = { type: 'v01.decide', outcome: 'approved', rationale: 'ok', cppReferred: 'true' };
  const decline = {
    type: 'v01.decide',
    outcome: 'declined',
    grounds: 'prisoner-welfare',
    rationale: 'no',
    cppReferred: 'true',
  };
  const results = await Promise.allSettled([
    engine.execute(app._id, approve, await actor('aad-gm'), origin()),
    engine.execute(app._id, decline, await actor('aad-gm2'), origin()),
    engine.execute(app._id, approve, await actor('aad-gm'), origin()),
  ]);
  const ok = results.filter((r) => r.status === 'fulfilled');
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  assert.equal(ok.length, 1);
  assert.equal(refused.length, 2);
  const history = await engine.history(app._id);
  const decisions = history.filter((e) => e.type === 'v01.decided');
  assert.equal(decisions.length, 1);
  for (const r of refused) {
    assert.ok(r.reason instanceof AlreadyDoneError);
    assert.equal(r.reason.by?.name, decisions[0]!.actor.name);
  }
}

describe('V.01 through the engine (in-memory store)', () => {
  it('a child visit with a CPP alert goes through the advisory panel to the notices in the outbox', () =>
    childVisitThroughPanel(createMemoryStore()));
  it('the GM decision happens exactly once under concurrent clicks', () => exactlyOnce(createMemoryStore()));
});

describe('V.01 through the engine (MongoDB)', function () {
  let mongo: TestMongo;
  before(async function () {
    mongo = await testMongoOrSkip(this);
  });
  after(async () => {
    if (mongo) await mongo.close();
  });
  it('a child visit with a CPP alert goes through the advisory panel to the notices in the outbox', async () =>
    childVisitThroughPanel(await mongo.open()));
  it('the GM decision happens exactly once under concurrent clicks', async () =>
    exactlyOnce(await mongo.open()));
});
