import assert from 'node:assert/strict';
import type { Person } from '../../services/directory/person';
import type { Store } from '../../services/store/types';
import { BotHarness, findAction, person } from '../helpers/botHarness';
import { cardOf, cardText } from '../helpers/connectorStub';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';

const SITE = 'Site-A';
const cm = person('aad-cm', 'Mere Case', [['case-manager', SITE]]);
const co = person('aad-co', 'Tane Officer', [['case-officer', SITE]]);
const intel = person('aad-intel', 'Ira Intel', [['intelligence', SITE]]);
const csm = person('aad-csm', 'Carla Systems', [['custodial-systems-manager', SITE]]);
const facil = person('aad-facil', 'Fetu Facilitator', [['programme-facilitator', SITE]]);
const admin = person('aad-admin', 'Ada Admin', [['admin', '*']]);
const everyone = [cm, co, intel, csm, facil, admin];

const start = {
  prisonerId: 'PRN-20077',
  prisonerName: 'Hemi Kāwhia',
  accusedStatus: 'remand',
  courtDate: '2027-02-14',
  gangStatus: 'none',
  rmtStatus: 'assessed',
  rmtLevel: 'low',
  programmeName: 'Mau rākau',
  programmeKind: 'te ao Māori',
  participants: '8',
  facilitatorId: facil.aadObjectId,
  location: 'Gym',
  site: SITE,
};

/** What the bot sent proactively to a person's 1:1 chat: text and card, in order. */
function received(h: BotHarness, p: Person): Array<{ text: string; card?: Record<string, unknown> }> {
  return h.connector.sentTo(h.conversationFor(p.aadObjectId)).map((c) => ({
    text: String(c.body.text ?? ''),
    ...(cardOf(c.body) ? { card: cardOf(c.body)! } : {}),
  }));
}

function runDeadlines(backend: 'memory' | 'mongodb') {
  describe(`deadlines through /api/messages (${backend}): an unanswered section is reminded, escalated, then left alone once submitted`, function () {
    this.timeout(90_000);
    let h: BotHarness;
    let mongo: TestMongo | undefined;
    let store: Store | undefined;
    let id = '';

    before(async function () {
      if (backend === 'mongodb') {
        mongo = await testMongoOrSkip(this);
        store = await mongo.open();
      }
      h = await new BotHarness({
        people: everyone,
        env: { SITE_REGIONS: 'Site-A=AUK', DIGEST_ENABLED: 'false' },
        ...(store ? { store } : {}),
      }).start();
      for (const p of everyone) await h.install(p);
    });
    after(async () => {
      if (h) await h.stop();
      if (mongo) await mongo.close().catch(() => undefined);
    });

    /** The admin's `dev clock`: moves time and runs the scheduler; then the outbox is delivered. */
    async function move(by: string): Promise<string> {
      const [answer] = await h.say(admin, `dev clock ${by}`);
      await h.deliverOutbox();
      return cardText(answer);
    }

    it('opens the sections on Monday 23 November; the unit section is due in 5 working days, shown on its card and in my tasks', async () => {
      // The harness's clock: Monday 23 November 2026, 1:00 pm in New Zealand.
      const [form] = await h.say(cm, 'new mix assessment');
      const ok = await h.click(cm, { ...findAction(form, (d) => d.card === 'start:F17')!, ...start });
      id = /MIX-\d{4}-\d{5}/.exec(cardText(ok.card))![0];
      const [tasks] = await h.say(cm, 'my tasks');
      const consent = await h.click(
        cm,
        findAction(tasks, (d) => d.applicationId === id)!,
      );
      assert.match(
        cardText(consent.card),
        /Due Mon 30 Nov 2026, 5:00 (pm|PM)/,
        'the task’s card says when it is due',
      );
      const recorded = await h.click(cm, {
        ...findAction(consent.card, (d) => d.command === 'f17.recordConsent')!,
        consentObtainedBy: 'Mere Case',
        consentDate: '2026-11-23',
        consentFormReference: 'IOMS-1',
      });
      assert.doesNotMatch(cardText(recorded.card), /Please fix/);
      await h.deliverOutbox();
      const sectionCard = received(h, co).find((m) =>
        findAction(m.card, (d) => d.command === 'f17.submitSection'),
      )!.card;
      assert.match(
        cardText(sectionCard),
        /Due Mon 30 Nov 2026, 5:00 (pm|PM)/,
        'the card sent to answer says when',
      );
      const [coTasks] = await h.say(co, 'my tasks');
      assert.match(cardText(coTasks), /Due Mon 30 Nov 2026, 5:00 (pm|PM)/);
      const [status] = await h.say(co, `status ${id}`);
      assert.match(cardText(status), /Next deadline: .* Due Mon 30 Nov 2026/);
    });

    it('only an admin may move the clock', async () => {
      const [answer] = await h.say(co, 'dev clock +4d');
      assert.match(cardText(answer), /for Tautoko admins/);
    });

    it('Friday morning: the case officer is reminded, with the section card to answer', async () => {
      const before = received(h, co).length;
      assert.match(await move('+4d'), /Fri 27 Nov 2026, 1:00 (pm|PM)/);
      const got = received(h, co).slice(before);
      assert.equal(got.length, 1);
      assert.match(got[0]!.text, /^Reminder: Unit staff: .* is due Mon 30 Nov 2026, 5:00 (pm|PM)\.$/);
      assert.ok(
        findAction(got[0]!.card, (d) => d.command === 'f17.submitSection'),
        'the card to answer it',
      );
      assert.match(cardText(got[0]!.card), /Due Mon 30 Nov 2026/);
      await move('+1h');
      assert.equal(received(h, co).length, before + 1, 'once');
    });

    it('Saturday: nothing; Tuesday: the overdue notice; Thursday: escalated to the custodial systems manager', async () => {
      const coBefore = received(h, co).length;
      const csmBefore = received(h, csm).length;
      await move('+1d');
      assert.equal(received(h, co).length, coBefore, 'not on a Saturday');
      await move('+3d'); // Tuesday 1 December
      const overdue = received(h, co).slice(coBefore);
      assert.equal(overdue.length, 1);
      assert.match(overdue[0]!.text, /^Overdue: Unit staff: .* was due Mon 30 Nov 2026/);
      assert.match(cardText(overdue[0]!.card), /Overdue: was due Mon 30 Nov 2026/);
      await move('+2d'); // Thursday 3 December
      const escalated = received(h, csm)
        .slice(csmBefore)
        .filter((m) => m.text.includes('Unit staff'));
      assert.equal(escalated.length, 1);
      assert.match(
        escalated[0]!.text,
        /^Escalated: Unit staff: .* still waiting\. You are told as custodial systems manager \(Site-A\)\./,
      );
      assert.match(cardText(escalated[0]!.card), new RegExp(id), 'with the status card');
    });

    it('once the section is submitted, nothing more is sent about it', async () => {
      const card = received(h, co).find((m) =>
        findAction(m.card, (d) => d.command === 'f17.submitSection'),
      )!.card;
      const res = await h.click(co, {
        ...findAction(card, (d) => d.command === 'f17.submitSection')!,
        observations: 'Settled',
        behaviour: 'Compliant',
        misconducts: 'None',
        alerts: 'None',
      });
      assert.doesNotMatch(cardText(res.card), /Please fix/);
      await h.deliverOutbox();
      const coBefore = received(h, co).length;
      const csmBefore = received(h, csm).filter((m) => m.text.includes('Unit staff')).length;
      await move('+1d');
      await move('+7d');
      assert.equal(received(h, co).length, coBefore);
      assert.equal(received(h, csm).filter((m) => m.text.includes('Unit staff')).length, csmBefore);
    });
  });
}

runDeadlines('memory');
runDeadlines('mongodb');

describe('the daily digest through /api/messages (memory): one card each working morning; `digest off` stops it', function () {
  this.timeout(60_000);
  let h: BotHarness;

  before(async () => {
    h = await new BotHarness({ people: everyone, env: { SITE_REGIONS: 'Site-A=AUK' } }).start();
    for (const p of everyone) await h.install(p);
  });
  after(async () => {
    if (h) await h.stop();
  });

  const digests = (p: Person) =>
    received(h, p).filter((m) => m.card && /Your tasks for /.test(cardText(m.card)));

  it('sends the case officer the digest card with the new section and an Open button, once', async () => {
    const [form] = await h.say(cm, 'new mix assessment');
    const ok = await h.click(cm, { ...findAction(form, (d) => d.card === 'start:F17')!, ...start });
    const id = /MIX-\d{4}-\d{5}/.exec(cardText(ok.card))![0];
    const [tasks] = await h.say(cm, 'my tasks');
    const consent = await h.click(
      cm,
      findAction(tasks, (d) => d.applicationId === id)!,
    );
    await h.click(cm, {
      ...findAction(consent.card, (d) => d.command === 'f17.recordConsent')!,
      consentObtainedBy: 'Mere Case',
      consentDate: '2026-11-23',
      consentFormReference: 'IOMS-1',
    });
    await h.deliverOutbox();
    await h.say(admin, 'dev clock 2026-11-24T08:45');
    await h.deliverOutbox();
    const [digest] = digests(co);
    assert.ok(digest, 'a digest card');
    assert.equal(digest.text, 'Your Tautoko tasks for Tue 24 Nov 2026: 1 new (1 open).');
    assert.match(
      cardText(digest.card),
      /New \(1\)[\s\S]*Unit staff: suitability to mix[\s\S]*due Mon 30 Nov 2026/,
    );
    assert.ok(findAction(digest.card, (d) => d.card === 'f17.section' && d.applicationId === id));
    await h.say(admin, 'dev clock +1h');
    await h.deliverOutbox();
    assert.equal(digests(co).length, 1, 'once a day');
  });

  it('`digest off` stops it; `digest on` brings it back', async () => {
    const [off] = await h.say(co, 'digest off');
    assert.match(cardText(off), /Daily digest off/);
    await h.say(admin, 'dev clock 2026-11-30T08:45'); // Monday: both sections are due today
    await h.deliverOutbox();
    assert.equal(digests(co).length, 1, 'none for the case officer, who said digest off');
    assert.match(cardText(digests(cm).at(-1)!.card), /Due today \(1\)[\s\S]*Case management/);
    await h.say(co, 'digest on');
    await h.say(admin, 'dev clock 2026-12-01T08:45');
    await h.deliverOutbox();
    assert.equal(digests(co).length, 2);
    assert.match(cardText(digests(co)[1]!.card), /Overdue \(1\)[\s\S]*Unit staff/);
  });
});
