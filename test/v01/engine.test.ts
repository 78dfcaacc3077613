import assert from 'node:assert/strict';
import { verifyChain } from '../../services/audit/hashChain';
import type { Person } from '../../services/directory/person';
import { AlreadyDoneError, DomainError } from '../../services/errors';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { OutboxMessage, Store } from '../../services/store/types';
import type { V01State } from '../../services/workflows/v01/model';
import { cardRenderers } from '../../cards/registry';
import { childNomination, people } from '../fixtures/v01';
import { validateCard } from '../helpers/cardSchema';
import type { TestMongo } from '../helpers/db';
import { testMongoOrSkip } from '../helpers/db';
import { Driver } from '../helpers/driver';
import { directoryEntry, person } from '../helpers/factories';

const SITE = 'Rimutaka';
/** The V.01 people, and a second general manager at the site. */
const directory: Person[] = [
  ...Object.values(people).map(directoryEntry),
  person({
    aadObjectId: 'aad-gm2',
    name: 'Wiremu Pōtae',
    email: 'gm2@corrections.example',
    roles: ['general-manager-custodial'],
    site: SITE,
  }),
];

/** The directory in `store`, the clock at Tuesday 3 March 2026, 11:00 NZDT; `step` between clicks. */
async function setup(store: Store, step = 0) {
  const d = await Driver.open({ store, people: directory, now: new Date('2026-03-02T22:00:00Z'), step });
  return { d, engine: d.engine, clock: d.clock, actor: (id: string) => d.actor(id) };
}

/** Every message the outbox holds for `applicationId`, as the worker would claim it. */
async function outboxFor(d: Driver, applicationId: string): Promise<OutboxMessage[]> {
  return (await d.drain(new Date('2030-01-01'))).filter((m) => m.applicationId === applicationId);
}

const recipients = (ms: OutboxMessage[], card: string) =>
  ms
    .filter((m) => m.cardRef?.name === card)
    .map((m) => (m.target.kind === 'person' ? m.target.aadObjectId : m.target.purpose))
    .sort();

/** A child visit with a CPP alert through the advisory panel to the notices, as the bot layer drives it. */
async function childVisitThroughPanel(store: Store): Promise<void> {
  const { d, engine, clock, actor } = await setup(store, 60_000);
  const staff = await actor('aad-staff');
  const app = await d.start('V01', childNomination(), staff);
  assert.match(app._id, /^VIS-2026-\d{5}$/);
  const run = (who: string, command: Record<string, unknown>) => d.act(app._id, command, who);
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

  const outbox = await outboxFor(d, app._id);
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
  const { d, engine } = await setup(store);
  const app = await d.start('V01', childNomination({ visitorName: 'Mīria Henare' }), 'aad-staff');
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
  for (const [who, command] of steps) await d.act(app._id, command, who);
  const approve = { type: 'v01.decide', outcome: 'approved', rationale: 'ok', cppReferred: 'true' };
  const decline = {
    type: 'v01.decide',
    outcome: 'declined',
    grounds: 'prisoner-welfare',
    rationale: 'no',
    cppReferred: 'true',
  };
  const results = await Promise.allSettled([
    d.act(app._id, approve, 'aad-gm'),
    d.act(app._id, decline, 'aad-gm2'),
    d.act(app._id, approve, 'aad-gm'),
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
