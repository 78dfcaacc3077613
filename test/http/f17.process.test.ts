import assert from 'node:assert/strict';
import type { Person } from '../../services/directory/person';
import { verifyAudit } from '../../services/audit/verify';
import type { Store } from '../../services/store/types';
import { BotHarness, buttonData, findAction, person } from '../helpers/botHarness';
import { cardOf, cardText } from '../helpers/connectorStub';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';
import { assertNoCollectionScans } from '../helpers/indexCheck';
import type { MongoStore } from '../../services/store/mongo/mongoStore';

const SITE = 'Site-A';
const cm = person('aad-cm', 'Mere Case', [['case-manager', SITE]]);
const co = person('aad-co', 'Tane Officer', [['case-officer', SITE]]);
const intel = person('aad-intel', 'Ira Intel', [['intelligence', SITE]]);
const csm = person('aad-csm', 'Carla Systems', [['custodial-systems-manager', SITE]]);
const gm = person('aad-gm', 'Grace Manager', [['general-manager-custodial', SITE]]);
const sched = person('aad-sched', 'Sione Schedule', [['scheduling-coordinator', SITE]]);
const facil = person('aad-facil', 'Fetu Facilitator', [['programme-facilitator', SITE]]);
const stranger = person('aad-stranger', 'Sam Elsewhere', [['case-manager', 'Site-B']]);
const everyone = [cm, co, intel, csm, gm, sched, facil, stranger];

const INTEL_SECRET = 'Known associate of a rival group in Unit 4';
const DECISIONS_CHANNEL = { id: '19:custodial-decisions@thread.tacv2', type: 'channel' as const };
const admin = person('aad-admin', 'Ada Admin', [['admin', SITE]]);

const validStart = {
  prisonerId: 'PRN-10042',
  prisonerName: 'Wiremu Tāne',
  accusedStatus: 'remand',
  courtDate: '2027-02-14',
  gangStatus: 'none',
  rmtStatus: 'assessed',
  rmtLevel: 'low',
  programmeName: 'Te Reo Māori level 1',
  programmeKind: 'te ao Māori',
  participants: '8',
  facilitatorId: facil.aadObjectId,
  location: 'Education block',
  site: SITE,
};

/** Cards the bot sent proactively to a person's 1:1 chat since the last look. */
function cardsFor(h: BotHarness, p: Person): Array<Record<string, unknown>> {
  return h.connector
    .sentTo(h.conversationFor(p.aadObjectId))
    .map((c) => cardOf(c.body))
    .filter((c): c is Record<string, unknown> => c !== undefined);
}

function runProcess(backend: 'memory' | 'mongodb') {
  describe(`F.17 through /api/messages, several users, ${backend} store`, function () {
    this.timeout(60_000);
    let h: BotHarness;
    let mongo: TestMongo | undefined;
    let store: Store | undefined;

    before(async function () {
      if (backend === 'mongodb') {
        mongo = await testMongoOrSkip(this);
        store = await mongo.open();
      }
      h = await new BotHarness({
        people: [...everyone, admin],
        ...(store ? { store } : {}),
        ...(mongo ? { commands: mongo.commands } : {}),
      }).start();
      for (const p of everyone) await h.install(p);
      await h.say(admin, 'register channel custodial-decisions Site-A', DECISIONS_CHANNEL);
    });
    after(async () => {
      if (h) await h.stop();
      if (mongo) await mongo.close().catch(() => undefined);
    });

    let id = '';

    it('starts an assessment from chat: invalid input comes back beside the fields, kept; valid input creates it', async () => {
      const [form] = await h.say(cm, 'new mix assessment');
      const submit = findAction(form, (d) => d.card === 'start:F17');
      assert.ok(submit, 'the start form has a submit button');
      const bad = await h.click(cm, {
        ...submit,
        ...validStart,
        prisonerId: '',
        accusedStatus: 'sentenced',
        participants: 'lots',
      });
      const badText = cardText(bad.card);
      assert.match(badText, /PRN/);
      assert.match(badText, /only for accused \(remand\) prisoners/);
      assert.match(badText, /Enter a number/);
      assert.match(badText, /Te Reo Māori level 1/, 'what the user typed is kept');
      const ok = await h.click(cm, { ...submit, ...validStart });
      const m = /MIX-\d{4}-\d{5}/.exec(cardText(ok.card));
      assert.ok(m, 'the form is replaced by the new application');
      id = m[0];
    });

    it('refuses a second open assessment for the same prisoner and programme, naming the first', async () => {
      const [form] = await h.say(cm, 'new mix assessment');
      const submit = findAction(form, (d) => d.card === 'start:F17')!;
      const dup = await h.click(cm, { ...submit, ...validStart });
      assert.match(cardText(dup.card), new RegExp(id));
    });

    it('asks no stakeholder before consent is recorded', async () => {
      await h.deliverOutbox();
      for (const p of [co, intel, csm, gm])
        assert.equal(
          cardsFor(h, p).filter((c) => cardText(c).includes(id)).length,
          0,
          `${p.name} was not asked yet`,
        );
    });

    it('records consent from the case manager’s task, then sends each section to its role', async () => {
      const [tasks] = await h.say(cm, 'my tasks');
      const open = findAction(tasks, (d) => d.applicationId === id)!;
      const consentCard = await h.click(cm, open);
      const record = buttonData(consentCard.card, 'Record consent');
      const done = await h.click(cm, {
        ...record,
        consentObtainedBy: 'Mere Case',
        consentDate: '2026-11-20',
        consentFormReference: 'IOMS-DOC-5531',
      });
      assert.doesNotMatch(cardText(done.card), /Please fix/);
      await h.deliverOutbox();
      for (const p of [cm, co, intel])
        assert.ok(
          cardsFor(h, p).some((c) =>
            findAction(c, (d) => d.command === 'f17.submitSection' && d.applicationId === id),
          ),
          `${p.name} got a section card`,
        );
    });

    it('takes each required section; a stranger at another site cannot see or answer', async () => {
      const answers: Record<string, Record<string, string>> = {
        caseManagement: {
          categoriesMixedWith: 'Sentenced, minimum security',
          withoutMixing: 'no',
          withoutMixingDetail: 'Only one class runs',
          motivation: 'Keen to learn te reo',
          reintegrationNeeds: 'Education, whānau connection',
          promotesReintegration: 'Builds identity and connection to whānau',
        },
        unit: { observations: 'Settled', behaviour: 'Compliant', misconducts: 'None', alerts: 'None' },
        intelligence: { risksMixing: INTEL_SECRET, risksOtherPrisoners: 'None known' },
      };
      for (const [p, section] of [
        [cm, 'caseManagement'],
        [co, 'unit'],
        [intel, 'intelligence'],
      ] as const) {
        const card = cardsFor(h, p).find((c) =>
          findAction(c, (d) => d.command === 'f17.submitSection' && d.applicationId === id),
        )!;
        const submit = findAction(card, (d) => d.command === 'f17.submitSection')!;
        if (section === 'intelligence') {
          const sneaky = await h.click(stranger, { ...submit, ...answers[section] });
          assert.match(
            cardText(sneaky.card),
            new RegExp(`no application ${id}`),
            'a stranger is told it does not exist',
          );
        }
        const res = await h.click(p, { ...submit, ...answers[section] });
        assert.doesNotMatch(cardText(res.card), /Please fix|This is for/, `${section} accepted`);
      }
      await h.deliverOutbox();
      assert.ok(
        cardsFor(h, csm).some((c) => findAction(c, (d) => d.command === 'f17.submitReview')),
        'review card sent',
      );
    });

    it('runs the review, then the general manager’s Approve replaces the card in place, exactly once', async () => {
      const reviewCard = cardsFor(h, csm).find((c) =>
        findAction(c, (d) => d.command === 'f17.submitReview'),
      )!;
      const review = findAction(reviewCard, (d) => d.command === 'f17.submitReview')!;
      await h.click(csm, {
        ...review,
        summary: 'All inputs received',
        risks: 'Low',
        riskManagement: 'Unit staff escort',
        recommendation: 'supported',
      });
      await h.deliverOutbox();
      const decisionCard = cardsFor(h, gm).find((c) => findAction(c, (d) => d.command === 'f17.decide'))!;
      const approve = buttonData(decisionCard, 'Approve');
      const inputs = {
        consideration: 'Supported by security',
        reasons: 'Low risk; programme supports reintegration',
        releasableReasons: 'The programme supports your reintegration',
        releasableChecked: 'true',
      };
      const [first, second] = await Promise.all([
        h.click(gm, { ...approve, ...inputs }),
        h.click(gm, { ...approve, ...inputs }),
      ]);
      for (const r of [first, second]) {
        assert.equal(r.status, 200);
        assert.equal(
          findAction(r.card, (d) => d.command === 'f17.decide'),
          undefined,
          'no buttons after the decision',
        );
      }
      const events = await h.store.events.list(id);
      assert.equal(
        events.filter(
          (e) => e.type.toLowerCase().includes('decided') || e.type.toLowerCase().includes('decision'),
        ).length,
        1,
      );
    });

    it('tells the people who must know, posts to the channel without intelligence, and asks the scheduling coordinator', async () => {
      await h.deliverOutbox();
      assert.ok(
        cardsFor(h, sched).some((c) => cardText(c).includes('Te Reo Māori level 1')),
        'scheduling coordinator told',
      );
      for (const p of [co, facil])
        assert.ok(
          h.connector
            .sentTo(h.conversationFor(p.aadObjectId))
            .some((c) => JSON.stringify(c.body).includes(id)),
          `${p.name} told`,
        );
      const posts = h.connector
        .sentTo(DECISIONS_CHANNEL.id)
        .filter((c) => JSON.stringify(c.body).includes(id));
      assert.ok(posts.length >= 1, 'decision posted to the channel');
      for (const post of posts) assert.doesNotMatch(JSON.stringify(post.body), new RegExp(INTEL_SECRET));
      const [status] = await h.say(stranger, `status ${id}`);
      const [missing] = await h.say(stranger, 'status MIX-2026-99999');
      assert.equal(
        cardText(status).replace(id, 'ID'),
        cardText(missing).replace('MIX-2026-99999', 'ID'),
        'a stranger cannot tell an existing id from a missing one',
      );
      const report = await verifyAudit(h.store);
      assert.equal(report.broken.length, 0);
    });

    // MongoDB only: the memory store sends no queries.
    if (backend === 'mongodb')
      it('sent only queries MongoDB answers from an index, never a collection scan', async function () {
        assert.ok(mongo, 'the MongoDB suite has its database');
        await assertNoCollectionScans(mongo.commands.queryShapes(), (store as MongoStore).db);
      });
  });
}

runProcess('memory');
runProcess('mongodb');
