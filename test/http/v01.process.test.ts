import assert from 'node:assert/strict';
import { childNomination, people as v01People, SITE } from '../fixtures/v01';
import { verifyAudit } from '../../services/audit/verify';
import { FixedClock } from '../../services/clock';
import type { Actor, Person } from '../../services/directory/person';
import type { Store } from '../../services/store/types';
import { BotHarness, findAction } from '../helpers/botHarness';
import { cardOf, cardText } from '../helpers/connectorStub';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';
import { assertNoCollectionScans } from '../helpers/indexCheck';
import type { MongoStore } from '../../services/store/mongo/mongoStore';

const asPerson = (a: Actor): Person => ({ ...a, email: `${a.aadObjectId}@corrections.example` });
const staff = asPerson(v01People.staff);
const gm = asPerson(v01People.gm);
const core1 = asPerson(v01People.core1);
const core2 = asPerson(v01People.core2);
const outsider = asPerson(v01People.outsider);
const admin: Person = {
  aadObjectId: 'aad-admin',
  name: 'Ada Admin',
  email: 'ada@corrections.example',
  roles: [{ role: 'admin', site: SITE }],
};
const everyone = [staff, gm, core1, core2, outsider];
const DECISIONS = { id: '19:decisions-rimutaka@thread.tacv2', type: 'channel' as const };

function cardsFor(h: BotHarness, p: Person): Array<Record<string, unknown>> {
  return h.connector
    .sentTo(h.conversationFor(p.aadObjectId))
    .map((c) => cardOf(c.body))
    .filter((c): c is Record<string, unknown> => c !== undefined);
}

function runChildVisit(backend: 'memory' | 'mongodb') {
  describe(`V.01 child visit with a CPP alert, through /api/messages, ${backend} store`, function () {
    this.timeout(60_000);
    let h: BotHarness;
    let mongo: TestMongo | undefined;
    let store: Store | undefined;
    let id = '';

    /** A click as `who` on the application's card `card`, running `command` with `inputs`. */
    async function act(who: Person, card: string, command: string, inputs: Record<string, unknown> = {}) {
      const res = await h.click(who, { card, applicationId: id, command, ...inputs });
      assert.equal(res.status, 200);
      const text = cardText(res.card);
      assert.doesNotMatch(text, /Please fix|This is for/, `${command} accepted: ${text.slice(0, 300)}`);
      return res.card;
    }

    before(async function () {
      if (backend === 'mongodb') {
        mongo = await testMongoOrSkip(this);
        store = await mongo.open();
      }
      h = await new BotHarness({
        people: [...everyone, admin],
        clock: new FixedClock(new Date('2026-03-02T22:00:00Z')),
        ...(store ? { store } : {}),
        ...(mongo ? { commands: mongo.commands } : {}),
      }).start();
      for (const p of everyone) await h.install(p);
      await h.say(admin, `register channel custodial-decisions ${SITE}`, DECISIONS);
    });
    after(async () => {
      if (h) await h.stop();
      if (mongo) await mongo.close().catch(() => undefined);
    });

    it('records the nomination from the start form', async () => {
      const [form] = await h.say(staff, 'new visitor application');
      const submit = findAction(form, (d) => d.card === 'start:V01');
      assert.ok(submit);
      const bad = await h.click(staff, { ...submit, ...childNomination(), visitorDob: 'soon' });
      assert.match(cardText(bad.card), /date/i, 'a bad date comes back beside the field');
      assert.match(cardText(bad.card), /Kōwhai Street/, 'the input is kept, macrons intact');
      const ok = await h.click(staff, { ...submit, ...childNomination() });
      id = /VIS-\d{4}-\d{5}/.exec(cardText(ok.card))?.[0] ?? '';
      assert.ok(id);
    });

    it('works through forms and the pre-approval checklist, which routes a CPP-alert child visit to the panel', async () => {
      await act(staff, 'v01.status', 'v01.recordFormsSent', { sentTo: 'Kiri Henare', method: 'post' });
      await act(staff, 'v01.status', 'v01.recordApplicationReceived', { method: 'post' });
      for (const item of ['form-complete', 'identification', 'identities-queried', 'conviction-history'])
        await act(staff, 'v01.checklist', 'v01.checkItem', { item });
      await act(staff, 'v01.checklist', 'v01.checkItem', { item: 'authority', authorityGiven: 'yes' });
      await act(staff, 'v01.checklist', 'v01.checkItem', { item: 'visitor-entered', minorSelected: 'true' });
      await act(staff, 'v01.checklist', 'v01.checkItem', {
        item: 'security-checks',
        everImprisoned: 'no',
        onBail: 'no',
        convictedLastTwoYears: 'no',
      });
      await act(staff, 'v01.checklist', 'v01.checkItem', {
        item: 'further-information',
        furtherInformationTo: 'none',
      });
      assert.equal((await h.app.engine.load(id))?.stage, 'panel-convening');
    });

    it('convenes the panel with the core members from the directory, whatever the card claims', async () => {
      const panel = await h.click(staff, { card: 'v01.panel', applicationId: id });
      const convene = findAction(panel.card, (_d, t) => t === 'Convene the advisory panel');
      assert.ok(convene, 'the panel card offers to convene it');
      // A forged list naming only one member must not narrow the panel.
      await h.click(staff, { ...convene, coreMembers: 'aad-core1' });
      const app = await h.app.engine.load(id);
      const members = JSON.stringify(app?.state);
      assert.match(members, /aad-core1/);
      assert.match(members, /aad-core2/);
    });

    it('refuses the general manager’s decision until every core member has recommended', async () => {
      const early = await h.click(gm, {
        card: 'v01.decision',
        applicationId: id,
        command: 'v01.decide',
        outcome: 'approved',
        rationale: 'x',
        cppReferred: 'true',
      });
      assert.doesNotMatch(cardText(early.card), /Recorded by/);
      assert.equal((await h.store.events.list(id)).filter((e) => /decided|decision/i.test(e.type)).length, 0);
      await h.deliverOutbox();
      for (const member of [core1, core2]) {
        const card = cardsFor(h, member).find((c) => findAction(c, (_d, t) => t === 'Record my assessment'));
        assert.ok(card, `${member.name} was sent the panel card`);
        const record = findAction(card, (_d, t) => t === 'Record my assessment')!;
        const res = await h.click(member, {
          ...record,
          assessment: 'Positive bond; supervise the visit.',
          recommendation: 'approve-with-conditions',
        });
        assert.doesNotMatch(cardText(res.card), /Please fix|This is for/);
      }
    });

    it('the general manager approves with conditions, once; the notices leave out the panel’s private assessments', async () => {
      const inputs = {
        outcome: 'approved-with-conditions',
        conditions: 'non-contact,fully-supervised',
        conditionsOther: 'No gifts',
        rationale: 'The panel agreed.',
        cppReferred: 'true',
      };
      const [a, b] = await Promise.all([
        h.click(gm, { card: 'v01.decision', applicationId: id, command: 'v01.decide', ...inputs }),
        h.click(gm, { card: 'v01.decision', applicationId: id, command: 'v01.decide', ...inputs }),
      ]);
      for (const r of [a, b]) assert.equal(r.status, 200);
      const decisions = (await h.store.events.list(id)).filter((e) => /decided|decision/i.test(e.type));
      assert.equal(decisions.length, 1, 'two clicks, one decision');
      const app = await h.app.engine.load(id);
      assert.equal(
        (app?.state as { decision?: { outcome: string } }).decision?.outcome,
        'approved-with-conditions',
      );
      const [notices] = await h.say(staff, `notices ${id}`);
      const text = cardText(notices);
      assert.match(text, /Child Visitor Approval/);
      assert.match(text, /Fully supervised/i);
      assert.doesNotMatch(text, /Positive bond/, 'panel assessments never reach a letter');
      await h.deliverOutbox();
      for (const post of h.connector.sentTo(DECISIONS.id)) {
        assert.doesNotMatch(
          JSON.stringify(post.body),
          /Ana Henare|2016-09-02|Positive bond/,
          'no child details in a channel',
        );
      }
      assert.equal((await verifyAudit(h.store)).broken.length, 0);
    });

    it('a stranger at another site cannot tell the application from a missing id', async () => {
      const [seen] = await h.say(outsider, `status ${id}`);
      const [missing] = await h.say(outsider, 'status VIS-2026-99999');
      assert.equal(cardText(seen).replace(id, 'ID'), cardText(missing).replace('VIS-2026-99999', 'ID'));
    });

    // MongoDB only: the memory store sends no queries.
    if (backend === 'mongodb')
      it('sent only queries MongoDB answers from an index, never a collection scan', async function () {
        assert.ok(mongo, 'the MongoDB suite has its database');
        await assertNoCollectionScans(mongo.commands.queryShapes(), (store as MongoStore).db);
      });
  });
}

runChildVisit('memory');
runChildVisit('mongodb');
