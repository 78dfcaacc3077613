import assert from 'node:assert/strict';
import { huiStartInput } from '../fixtures/c07';
import { verifyAudit } from '../../services/audit/verify';
import { FixedClock } from '../../services/clock';
import type { Person } from '../../services/directory/person';
import type { Store } from '../../services/store/types';
import { BotHarness, findAction, person } from '../helpers/botHarness';
import { cardOf, cardText } from '../helpers/connectorStub';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';
import { assertNoCollectionScans } from '../helpers/indexCheck';
import type { MongoStore } from '../../services/store/mongo/mongoStore';

const SITE = 'Site-A';
const cm = person('aad-hui-cm', 'Wiremu Parata', [['case-manager', SITE]]);
const director = person('aad-hui-pd', 'Helen Brown', [['prison-director', SITE]]);
const stranger = person('aad-hui-x', 'Sam Elsewhere', [['prison-director', 'Site-B']]);
const admin = person('aad-hui-admin', 'Ada Admin', [['admin', SITE]]);
const ENTRY = { id: '19:entry-staff@thread.tacv2', type: 'channel' as const };

/** The latest card in a person's 1:1 chat that has a button with this title. */
function latestWith(h: BotHarness, p: Person, title: string): Record<string, unknown> | undefined {
  return h.connector
    .sentTo(h.conversationFor(p.aadObjectId))
    .map((c) => cardOf(c.body))
    .filter((c): c is Record<string, unknown> => c !== undefined)
    .reverse()
    .find((c) => findAction(c, (_d, t) => t === title));
}

function runHui(backend: 'memory' | 'mongodb') {
  describe(`C.07 support hui through /api/messages, ${backend} store`, function () {
    this.timeout(60_000);
    let h: BotHarness;
    let mongo: TestMongo | undefined;
    let store: Store | undefined;
    let id = '';
    let card: Record<string, unknown> | undefined;

    /** Clicks the button with this title on `on`, with inputs, as `who`; returns the card that replaces it. */
    async function press(who: Person, on: unknown, title: string, inputs: Record<string, unknown> = {}) {
      const data = findAction(on, (_d, t) => t === title);
      assert.ok(data, `a "${title}" button: ${cardText(on).slice(0, 300)}`);
      const res = await h.click(who, { ...data, ...inputs });
      assert.equal(res.status, 200);
      assert.ok(res.card, `"${title}" answered with a card`);
      return res.card;
    }

    before(async function () {
      if (backend === 'mongodb') {
        mongo = await testMongoOrSkip(this);
        store = await mongo.open();
      }
      h = await new BotHarness({
        people: [cm, director, stranger, admin],
        clock: new FixedClock(new Date('2026-03-20T21:00:00Z')),
        ...(store ? { store } : {}),
        ...(mongo ? { commands: mongo.commands } : {}),
      }).start();
      for (const p of [cm, director, stranger]) await h.install(p);
      await h.say(admin, 'register channel entry-staff Site-A', ENTRY);
    });
    after(async () => {
      if (h) await h.stop();
      if (mongo) await mongo.close().catch(() => undefined);
    });

    it('new hui: a missing purpose comes back beside the field with the input kept; a valid hui starts', async () => {
      const [form] = await h.say(cm, 'new hui');
      const submit = findAction(form, (d) => d.card === 'start:C07');
      assert.ok(submit);
      const input = huiStartInput({ site: SITE, sp2Name: '', sp2Relationship: '', sp2Contact: '' });
      const bad = await h.click(cm, { ...submit, ...input, purpose: '' });
      assert.match(cardText(bad.card), /purpose/i);
      assert.match(cardText(bad.card), /Whānau room, Rimutaka Prison/);
      const ok = await h.click(cm, { ...submit, ...input });
      id = /HUI-\d{4}-\d{5}/.exec(cardText(ok.card))?.[0] ?? '';
      assert.ok(id, 'the form is replaced by the new hui');
      card = ok.card;
    });

    it('refuses to send for sign-off while a support person lacks consent', async () => {
      // The status card offers no such button yet; a hand-made click is refused all the same.
      const refused = await h.click(cm, {
        card: 'c07.status',
        applicationId: id,
        command: 'c07.sendForSignOff',
      });
      assert.match(cardText(refused.card), /consent/i);
      assert.equal((await h.store.events.list(id)).filter((e) => /sentForSignOff/i.test(e.type)).length, 0);
      await h.deliverOutbox();
      assert.equal(latestWith(h, director, 'Sign off'), undefined, 'the manager was not sent anything');
    });

    it('records the prisoner’s consent, the support person’s consent and suitability, then sends for sign-off', async () => {
      card = await press(cm, card, 'Consent and suitability');
      card = await press(cm, card, 'Prisoner consents to contact');
      card = await press(cm, card, 'Mere Ngata consents to take part');
      card = await press(cm, card, 'Assess suitability');
      card = await press(cm, card, 'Save suitability', {
        suitable: 'yes',
        assessment: 'A stable, pro-social support with no current concerns.',
        involvement: 'full',
        contactPlan: 'By phone before the hui.',
        iomsRecorded: 'true',
      });
      assert.match(cardText(card), /Everything needed is recorded/);
      card = await press(cm, card, 'Send for sign-off');
      await h.deliverOutbox();
      assert.ok(latestWith(h, director, 'Sign off'), 'the prison director got the notification card');
    });

    it('the manager asks a question, the case manager answers, and the manager signs off exactly once', async () => {
      const note = latestWith(h, director, 'Sign off')!;
      assert.match(cardText(note), /Mere Ngata/);
      assert.match(cardText(note), /A stable, pro-social support/);
      await press(director, note, 'Ask a question', { question: 'Who supervises the room?', measures: '' });
      await h.deliverOutbox();
      const question = h.connector
        .sentTo(h.conversationFor(cm.aadObjectId))
        .map((c) => cardOf(c.body))
        .reverse()
        .find((c) => c && findAction(c, (d) => d.command === 'c07.answerQuestion'));
      assert.ok(question, 'the case manager got the question as a card');
      const answer = findAction(question, (d) => d.command === 'c07.answerQuestion')!;
      const answerField = Object.keys(answer).includes('answer')
        ? {}
        : { answer: 'Sam Lee, case officer, throughout.' };
      await h.click(cm, { ...answer, ...answerField });
      await press(director, note, 'Require safety measures', {
        measures: 'Two officers present; no physical contact at the start.',
        question: '',
      });
      const signOff = findAction(note, (_d, t) => t === 'Sign off')!;
      const [a, b] = await Promise.all([
        h.click(director, { ...signOff, question: '', measures: '' }),
        h.click(director, { ...signOff, question: '', measures: '' }),
      ]);
      for (const r of [a, b]) assert.match(cardText(r.card), /Signed off by Helen Brown/);
      const signOffs = (await h.store.events.list(id)).filter((e) => /signedOff/i.test(e.type));
      assert.equal(signOffs.length, 1, 'one sign-off for two clicks');
    });

    it('posts to the entry-staff channel: not a private visit; a change after sign-off edits the same post', async () => {
      await h.deliverOutbox();
      const posts = h.connector.sentTo(ENTRY.id).filter((c) => JSON.stringify(c.body).includes(id));
      assert.equal(posts.length, 1, 'one post');
      assert.equal(posts[0]!.method, 'POST');
      assert.match(cardText(posts[0]!.body), /not a private visit/i);
      assert.match(cardText(posts[0]!.body), /Two officers present/);
      const postedId = posts[0]!.answeredId!;

      const [reschedule] = await h.say(cm, `reschedule hui ${id}`);
      await press(cm, reschedule, 'Reschedule', {
        newDate: '2026-04-06',
        newTime: '11:00',
        newDuration: '90',
        rescheduleReason: 'The whānau room is booked on the 5th.',
      });
      await h.deliverOutbox();
      const again = latestWith(h, director, 'Sign off');
      assert.ok(again, 'the change went back to the manager');
      await press(director, again, 'Sign off', { question: '', measures: '' });
      await h.deliverOutbox();
      const after = h.connector.sentTo(ENTRY.id).filter((c) => JSON.stringify(c.body).includes(id));
      assert.equal(after.filter((c) => c.method === 'POST').length, 1, 'still one post');
      const updates = after.filter((c) => c.method === 'PUT');
      assert.ok(updates.length >= 1, 'the post was updated in place');
      assert.ok(
        updates.every((u) => u.activityId === postedId),
        'the update is of the same message',
      );
      assert.match(cardText(updates.at(-1)!.body), /6 Apr 2026/);
      assert.equal((await verifyAudit(h.store)).broken.length, 0);
    });

    it('a stranger at another site cannot tell the hui from a missing id', async () => {
      const [seen] = await h.say(stranger, `status ${id}`);
      const [missing] = await h.say(stranger, 'status HUI-2026-99999');
      assert.equal(cardText(seen).replace(id, 'ID'), cardText(missing).replace('HUI-2026-99999', 'ID'));
    });

    // MongoDB only: the memory store sends no queries.
    if (backend === 'mongodb')
      it('sent only queries MongoDB answers from an index, never a collection scan', async function () {
        assert.ok(mongo, 'the MongoDB suite has its database');
        await assertNoCollectionScans(mongo.commands.queryShapes(), (store as MongoStore).db);
      });
  });
}

runHui('memory');
runHui('mongodb');
