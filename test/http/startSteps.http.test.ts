import assert from 'node:assert/strict';
import { MongoStore } from '../../services/store/mongo/mongoStore';
import type { Person } from '../../services/directory/person';
import { BotHarness, findAction, person } from '../helpers/botHarness';
import { cardText } from '../helpers/connectorStub';
import { TestMongo, testMongoOrSkip } from '../helpers/db';

const SITE = 'Site-A';
const cm = person('aad-cm', 'Mere Case', [['case-manager', SITE]]);
const facilitator = person('aad-fac', 'Rangi Pōmare', [['programme-facilitator', SITE]]);
const facilitatorB = person('aad-fac-b', 'Bex Elsewhere', [['programme-facilitator', 'Site-B']]);
const hui = person('aad-hui', 'Wiremu Hui', [['case-officer', SITE]]);
const cmA2 = person('aad-cm-2', 'Megan Bowen', [['case-manager', SITE]]);
const people: Person[] = [cm, facilitator, facilitatorB, hui, cmA2];

const prisonerStep = {
  site: SITE,
  prisonerId: '80012345',
  prisonerName: 'Tama Rāwiri',
  accusedStatus: 'remand',
  courtDate: '2027-04-14',
  gangStatus: 'None known',
  rmtStatus: 'Not subject to RMT',
  rmtLevel: 'n/a',
};
const programmeStep = {
  programmeName: 'Te reo Māori for beginners',
  programmeKind: 'te ao Māori',
  participants: '10',
  facilitatorId: facilitator.aadObjectId,
  facilitatorName: '',
  location: 'Learning centre, Unit 4',
};

type Card = Record<string, unknown>;

/** Presses a step button (Next, Back, Change …, Start) on a step card, with the step's answers. */
async function press(h: BotHarness, who: Person, card: Card | undefined, title: string, inputs = {}) {
  const data = findAction(card, (_d, t) => t === title);
  assert.ok(data, `a "${title}" button on: ${cardText(card).slice(0, 200)}`);
  const res = await h.click(who, { ...data, ...inputs });
  assert.equal(res.status, 200);
  assert.ok(res.card, `"${title}" is answered with a card that replaces it`);
  return res.card;
}

/** Every Input.ChoiceSet with dynamic typeahead in a card. */
function pickers(card: Card | undefined): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.type === 'Input.ChoiceSet' && o['choices.data']) out.push(o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

describe('HTTP: a start form in steps', function () {
  this.timeout(60_000);
  let h: BotHarness;
  before(async () => {
    h = await new BotHarness({ people }).start();
  });
  after(async () => h.stop());

  it('F.17: each step is checked before the next, Back keeps the answers, the review shows them, Start creates it', async () => {
    const [first] = await h.say(cm, 'new mix assessment');
    assert.match(cardText(first), /Step 1 of 3 — prisoner/);

    const invalid = await press(h, cm, first, 'Next', {
      ...prisonerStep,
      prisonerId: '',
      accusedStatus: 'sentenced',
    });
    assert.match(cardText(invalid), /Step 1 of 3 — prisoner/, 'the same step again');
    assert.match(cardText(invalid), /PRN/);
    assert.match(cardText(invalid), /only for accused \(remand\) prisoners/, 'the error beside its field');
    assert.match(cardText(invalid), /Tama Rāwiri/, 'what was typed is kept');
    assert.doesNotMatch(
      cardText(invalid),
      /Enter the number of participants/,
      'later steps are not judged yet',
    );

    const second = await press(h, cm, invalid, 'Next', prisonerStep);
    assert.match(cardText(second), /Step 2 of 3 — programme/);
    const [picker] = pickers(second);
    assert.deepEqual(picker?.['choices.data'], { type: 'Data.Query', dataset: `facilitator:${SITE}` });
    assert.deepEqual(
      (picker?.choices as Array<{ value: string }>).map((c) => c.value),
      [facilitator.aadObjectId],
      'the fallback list: facilitators at the site only',
    );

    const back = await press(h, cm, second, 'Back');
    assert.match(cardText(back), /Step 1 of 3 — prisoner/);
    assert.match(cardText(back), /Tama Rāwiri/, 'answers kept between steps');
    const again = await press(h, cm, back, 'Next', prisonerStep);

    const review = await press(h, cm, again, 'Next', programmeStep);
    const text = cardText(review);
    assert.match(text, /Step 3 of 3 — review and start/);
    assert.match(text, /Rangi Pōmare/, 'the chosen facilitator by name, not id');
    assert.match(text, /Te reo Māori for beginners/);
    assert.match(text, /80012345/);
    assert.equal(await h.store.applications.count(), 0, 'nothing is saved before Start');

    const edit = await press(h, cm, review, 'Change programme');
    assert.match(cardText(edit), /Step 2 of 3 — programme/);
    const reviewed = await press(h, cm, edit, 'Next', { ...programmeStep, participants: '12' });
    const started = await press(h, cm, reviewed, 'Start assessment');
    const id = /MIX-\d{4}-\d{5}/.exec(cardText(started))?.[0];
    assert.ok(id, `the review is replaced by the new application: ${cardText(started).slice(0, 200)}`);
    const app = await h.store.applications.get(id);
    const details = (app?.state as { details?: { participants: number; facilitator: unknown } }).details;
    assert.equal(details?.participants, 12);
    assert.deepEqual(details?.facilitator, { aadObjectId: facilitator.aadObjectId, name: 'Rangi Pōmare' });
  });

  it('refuses a facilitator id the searcher could not have picked, beside the field', async () => {
    const [first] = await h.say(cm, 'new mix assessment');
    const second = await press(h, cm, first, 'Next', { ...prisonerStep, prisonerId: '80019999' });
    for (const forged of ['aad-made-up', facilitatorB.aadObjectId]) {
      const refused = await press(h, cm, second, 'Next', { ...programmeStep, facilitatorId: forged });
      assert.match(cardText(refused), /Step 2 of 3/);
      assert.match(cardText(refused), /Choose the facilitator from the list/);
    }
  });

  it('a click on a step after the form ended (or in a new conversation state) starts over from that step', async () => {
    const [first] = await h.say(cm, 'new mix assessment');
    await h.say(cm, 'cancel');
    const second = await press(h, cm, first, 'Next', { ...prisonerStep, prisonerId: '80018888' });
    assert.match(cardText(second), /Step 2 of 3 — programme/);
  });

  it('C.07: the case manager is picked among the case managers at the hui’s site and shown by name', async () => {
    const [first] = await h.say(hui, 'new hui');
    assert.match(cardText(first), /Step 1 of 7 — prisoner and hui/);
    const whenStep = await press(h, hui, first, 'Next', {
      prisonerId: '94018832',
      prisonerName: 'Tama Ngata',
      site: SITE,
      huiKind: 'whanau-hui',
      purpose: 'Plan support on release.',
      objectives: 'Agree who supports Tama.',
      protectiveFactors: '',
      pillars: '',
    });
    assert.match(cardText(whenStep), /Step 2 of 7 — when and where/);
    const peopleStep = await press(h, hui, whenStep, 'Next', {
      date: '2027-03-05',
      time: '10:00',
      durationMinutes: '90',
      locationType: 'prison',
      place: 'Whānau room',
      mode: 'in-person',
    });
    const [picker] = pickers(peopleStep);
    assert.equal((picker?.['choices.data'] as { dataset: string }).dataset, `case-manager:${SITE}`);
    assert.deepEqual(
      (picker?.choices as Array<{ title: string }>).map((c) => c.title),
      ['Megan Bowen (case manager, Site-A)', 'Mere Case (case manager, Site-A)'],
    );
    assert.doesNotMatch(cardText(peopleStep), /Teams user id/, 'nobody types an id');
    const supportStep = await press(h, hui, peopleStep, 'Next', { caseManagerId: cmA2.aadObjectId });
    const moreSupport = await press(h, hui, supportStep, 'Next', {
      sp1Name: 'Mere Ngata',
      sp1Relationship: 'Mother',
      sp1Contact: '021 555 0101',
    });
    const otherStep = await press(h, hui, moreSupport, 'Next', {});
    const review = await press(h, hui, otherStep, 'Next', {});
    assert.match(cardText(review), /Step 7 of 7 — review and start/);
    assert.match(cardText(review), /Megan Bowen/);
    assert.match(cardText(review), /Mere Ngata/);
    const started = await press(h, hui, review, 'Create hui');
    assert.match(cardText(started), /HUI-\d{4}-\d{5}/);
  });
});

describe('HTTP: a start form continued by a second bot process over the same MongoDB', function () {
  this.timeout(120_000);
  let mongo: TestMongo;
  let mongoTwo: TestMongo;
  let one: BotHarness;
  let two: BotHarness;
  let dbName = '';
  before(async function () {
    mongo = await testMongoOrSkip(this);
    mongoTwo = await testMongoOrSkip(this);
    const store = await mongo.open();
    dbName = store.db.databaseName;
    one = await new BotHarness({ people, store }).start();
    // Its own client and pool, the same database: another instance of the bot.
    two = await new BotHarness({
      store: new MongoStore(mongoTwo.client, mongoTwo.client.db(dbName)),
    }).start();
  });
  after(async () => {
    // Each app closes its own client on stop; the database is dropped with a fresh one.
    await two?.stop();
    await one?.stop();
    if (mongo && dbName) {
      const cleaner = await TestMongo.connect(mongo.uri);
      await cleaner.client.db(dbName).dropDatabase();
      await cleaner.client.close();
    }
  });

  it('step 1 on one instance, step 2 and Start on the other: the answers come from the shared storage', async () => {
    const [first] = await one.say(cm, 'new mix assessment');
    const second = await press(one, cm, first, 'Next', prisonerStep);
    const review = await press(two, cm, second, 'Next', programmeStep);
    assert.match(cardText(review), /Tama Rāwiri/, 'the other instance knows step 1’s answers');
    const started = await press(one, cm, review, 'Start assessment');
    assert.match(cardText(started), /MIX-\d{4}-\d{5}/);
    assert.equal(await two.store.applications.count(), 1);
  });
});
