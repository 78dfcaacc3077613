import assert from 'node:assert/strict';
import { answers, decisionInput, people, review, SITE } from '../fixtures/f17';
import { cardRenderers } from '../../cards/registry';
import type { Actor } from '../../services/directory/person';
import { DomainError } from '../../services/errors';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { OutboxMessage, Store } from '../../services/store/types';
import type { ApplicationDoc } from '../../services/workflow/domain';
import type { F17State } from '../../services/workflows/f17/model';
import { validateCard } from '../helpers/cardSchema';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';
import { Driver } from '../helpers/driver';
import type { MongoStore } from '../../services/store/mongo/mongoStore';

const everyone: Actor[] = Object.values(people);

/** The F.17 people in the directory, the clock at Tuesday 3 March 2026, 10:00 NZDT. */
const driverOver = (store: Store) =>
  Driver.open({ store, people: everyone, now: new Date('2026-03-02T21:00:00Z') });

const recipient = (m: OutboxMessage) =>
  m.target.kind === 'person' ? m.target.aadObjectId : `${m.target.purpose}@${m.target.site}`;

type Run = (a: Actor, c: Record<string, unknown>) => Promise<unknown>;

/** Consent, then the three required sections: the assessment is ready for review. */
async function consentAndSections(run: Run): Promise<void> {
  await run(people.caseManager, {
    type: 'f17.recordConsent',
    consentObtainedBy: 'Aroha Ngata',
    consentDate: '2026-03-02',
    consentFormReference: 'X1',
  });
  await run(people.caseManager, {
    type: 'f17.submitSection',
    section: 'caseManagement',
    ...answers.caseManagement,
  });
  await run(people.caseOfficer, { type: 'f17.submitSection', section: 'unit', ...answers.unit });
  await run(people.intelligence, {
    type: 'f17.submitSection',
    section: 'intelligence',
    ...answers.intelligence,
  });
}

function engineSuite(newStore: () => Promise<Store>): void {
  const setup = async () => {
    const d = await driverOver(await newStore());
    return { d, store: d.store, clock: d.clock, engine: d.engine };
  };

  it('runs the whole process, from start to the scheduling coordinator’s message', async () => {
    const { d, clock, engine } = await setup();
    const started = await d.start('F17');
    const id = started._id;
    assert.match(id, /^MIX-2026-\d{5}$/);
    assert.equal(started.stage, 'awaiting-consent');
    assert.deepEqual(await d.drain(), [], 'nobody is asked before consent');

    const step = async (actor: Actor, command: Record<string, unknown>) => {
      clock.advance(3_600_000);
      return d.act(id, command, actor);
    };
    await step(people.caseManager, {
      type: 'f17.recordConsent',
      consentObtainedBy: 'Aroha Ngata',
      consentDate: '2026-03-02',
      consentFormReference: 'IOMS doc 55120',
    });
    const sectionMessages = await d.drain();
    const intelTo = sectionMessages
      .filter((m) => m.cardRef?.params?.section === 'intelligence')
      .map(recipient);
    assert.deepEqual(
      intelTo,
      [people.intelligence.aadObjectId],
      'intelligence at this site only, not at another site',
    );
    const cmTo = sectionMessages
      .filter((m) => m.cardRef?.params?.section === 'caseManagement')
      .map(recipient)
      .sort();
    assert.deepEqual(cmTo, [people.caseManager.aadObjectId, people.caseManager2.aadObjectId].sort());

    await step(people.caseManager, {
      type: 'f17.submitSection',
      section: 'caseManagement',
      ...answers.caseManagement,
    });
    await step(people.caseOfficer, { type: 'f17.submitSection', section: 'unit', ...answers.unit });
    await step(people.intelligence, {
      type: 'f17.submitSection',
      section: 'intelligence',
      ...answers.intelligence,
    });
    const reviewMessages = await d.drain();
    assert.deepEqual(
      reviewMessages.map(recipient).sort(),
      [people.csm.aadObjectId, people.securityManager.aadObjectId].sort(),
    );
    assert.ok(reviewMessages.every((m) => m.cardRef?.name === 'f17.review'));

    await step(people.securityManager, { type: 'f17.submitReview', ...review });
    const decisionMessages = await d.drain();
    assert.deepEqual(decisionMessages.map(recipient), [people.gm.aadObjectId]);

    const decided = await step(people.gm, { type: 'f17.decide', outcome: 'approved', ...decisionInput });
    assert.deepEqual(
      decided.events.map((e) => e.type),
      ['f17.decided', 'f17.fileNoteRecorded'],
    );
    const after = await d.drain();
    const scheduling = after.filter((m) => m.cardRef?.name === 'f17.scheduling');
    assert.deepEqual(scheduling.map(recipient), [people.scheduler.aadObjectId]);
    assert.equal(
      scheduling[0]?.text,
      'Tama Rāwiri (80012345) can now be scheduled for Te reo Māori for beginners.',
    );
    const channel = after.filter((m) => m.target.kind === 'channel');
    assert.deepEqual(channel.map(recipient), [`custodial-decisions@${SITE}`]);
    assert.ok(after.some((m) => recipient(m) === people.facilitator.aadObjectId));
    assert.ok(
      after.some(
        (m) => recipient(m) === people.caseOfficer.aadObjectId && m.cardRef?.name === 'f17.informPrisoner',
      ),
    );

    // Each message, rendered for its recipient as the bot does on delivery, is a valid card without intelligence.
    const app = (await engine.load(id)) as ApplicationDoc<F17State>;
    for (const m of [...sectionMessages, ...reviewMessages, ...decisionMessages, ...after]) {
      const render = cardRenderers[m.cardRef?.name ?? ''];
      assert.ok(render, `no renderer for ${m.cardRef?.name}`);
      const viewer = everyone.find((p) => p.aadObjectId === recipient(m)) ?? {
        aadObjectId: 'channel',
        name: 'channel',
        roles: [],
      };
      const card = render({ app, viewer, now: clock.now(), params: m.cardRef?.params ?? {} });
      assert.deepEqual(validateCard(card), [], m.cardRef?.name);
      if (m.target.kind === 'channel') assert.ok(!JSON.stringify(card).includes('INTEL-7Q'));
    }

    // Follow-ups close it; the audit trail has every step.
    await step(people.caseOfficer, {
      type: 'f17.confirmPrisonerInformed',
      informedOn: '2026-03-03',
      howInformed: 'In person',
    });
    const closed = await step(people.caseManager, {
      type: 'f17.confirmConsentFormUploaded',
      uploadReference: 'IOMS doc 55120',
    });
    assert.equal(closed.app.closed, true);
    assert.deepEqual(closed.app.openTasks, []);
    const history = await engine.history(id);
    assert.deepEqual(
      history.map((e) => e.type),
      [
        'f17.started',
        'f17.consentRecorded',
        'f17.sectionSubmitted',
        'f17.sectionSubmitted',
        'f17.sectionSubmitted',
        'f17.reviewSubmitted',
        'f17.decided',
        'f17.fileNoteRecorded',
        'f17.prisonerInformed',
        'f17.consentFormUploadConfirmed',
      ],
    );
    assert.ok(history.every((e) => e.activityId.startsWith('act-')));
  });

  it('refuses a second open assessment for the same prisoner and programme, naming the first', async () => {
    const { d } = await setup();
    const first = await d.start('F17');
    await assert.rejects(
      d.start('F17', { programmeName: '  te reo MĀORI for  beginners ' }, people.caseOfficer),
      (e: unknown) =>
        e instanceof DomainError &&
        e.kind === 'DUPLICATE' &&
        e.details.existingId === first._id &&
        e.userMessage.includes(first._id),
    );
    const other = await d.start('F17', { programmeName: 'Carving' }, people.caseManager);
    assert.notEqual(other._id, first._id, 'a different programme is a different assessment');
  });

  it('allows a new assessment once the earlier one was withdrawn', async () => {
    const { d } = await setup();
    const first = await d.start('F17');
    await d.act(
      first._id,
      { type: 'f17.withdrawConsent', withdrawalNote: 'Changed his mind.' },
      people.caseOfficer,
    );
    const second = await d.start('F17');
    assert.notEqual(second._id, first._id);
  });

  it('shows the decline follow-up in the case manager’s tasks until it is done', async () => {
    const { d, store } = await setup();
    const app = await d.start('F17');
    const run = (a: Actor, c: Record<string, unknown>) => d.act(app._id, c, a);
    await consentAndSections(run);
    await run(people.csm, { type: 'f17.submitReview', ...review, recommendation: 'not-supported' });
    await run(people.gm, { type: 'f17.decide', outcome: 'declined', ...decisionInput });
    const mine = await store.applications.findByTaskKeys([`role:${SITE}:case-manager`], 10);
    assert.deepEqual(
      mine.flatMap((a) => a.openTasks.map((t) => t.card)),
      ['f17.informPrisoner'],
    );
    await run(people.caseManager, {
      type: 'f17.confirmPrisonerInformed',
      informedOn: '2026-03-03',
      howInformed: 'In person',
    });
    assert.deepEqual(await store.applications.findByTaskKeys([`role:${SITE}:case-manager`], 10), []);
  });

  it('20 concurrent Approve clicks from the general manager record exactly one decision', async () => {
    const { d, engine } = await setup();
    const app = await d.start('F17');
    const run = (a: Actor, c: Record<string, unknown>) => d.act(app._id, c, a);
    await consentAndSections(run);
    await run(people.csm, { type: 'f17.submitReview', ...review });

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        run(people.gm, { type: 'f17.decide', outcome: 'approved', ...decisionInput }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(ok.length, 1);
    for (const r of refused) {
      assert.ok(r.reason instanceof DomainError && r.reason.kind === 'ALREADY_DONE', String(r.reason));
      assert.match(r.reason.userMessage, /Already approved by Kiri Te Rangi/);
    }
    const decisions = (await engine.history(app._id)).filter((e) => e.type === 'f17.decided');
    assert.equal(decisions.length, 1);
  });

  it('a click by someone without the role changes nothing', async () => {
    const { d, engine } = await setup();
    const app = await d.start('F17');
    await assert.rejects(
      d.act(
        app._id,
        {
          type: 'f17.recordConsent',
          consentObtainedBy: 'x',
          consentDate: '2026-03-02',
          consentFormReference: 'X1',
        },
        people.otherSite,
      ),
      (e: unknown) => e instanceof DomainError && e.kind === 'FORBIDDEN',
    );
    assert.equal((await engine.load(app._id))?.version, 1);
  });
}

describe('F.17 through the engine (in-memory store)', () => {
  engineSuite(async () => createMemoryStore());
});

describe('F.17 through the engine (MongoDB)', function () {
  this.timeout(120_000);
  let mongo: TestMongo | undefined;
  let store: MongoStore | undefined;
  before(async function () {
    mongo = await testMongoOrSkip(this);
    store = await mongo.open();
  });
  // The client is TestMongo's: closing it drops the test databases first.
  after(async () => {
    await mongo?.close();
  });
  engineSuite(async () => {
    await mongo!.clean(store!);
    return store!;
  });
});
