import assert from 'node:assert/strict';
import { LEGACY_VERB } from '../../cards/actionVerbs';
import { STATUS_TO_CHAT } from '../../cards/statusButtons';
import { BotHarness, buttonData, findAction } from '../helpers/botHarness';
import { cardText } from '../helpers/connectorStub';
import { f17Everyone, f17People, f17Start } from '../helpers/f17Run';

const { cm } = f17People;
const MIX_ID = /MIX-\d{4}-\d{5}/;
const CHANNEL = { id: '19:decisions@thread.tacv2', type: 'channel' as const };

/**
 * Each kind of card action has its own verb (cards/actionVerbs.ts), and cards posted in Teams before
 * that carry the one old verb for every button: through the real CloudAdapter, a click with the old
 * verb is answered as the same button of today is.
 */
describe('HTTP: card action verbs, and buttons of the old single verb', function () {
  this.timeout(30_000);
  let h: BotHarness;
  let id = '';
  before(async () => {
    h = await new BotHarness({ people: f17Everyone }).start();
    await h.install(cm);
    const started = await h.click(cm, { card: 'start:F17', ...f17Start }, undefined, 'start');
    id = MIX_ID.exec(cardText(started.card))?.[0] ?? '';
    assert.ok(id, 'started with the start verb');
  });
  after(async () => h.stop());

  /** The same click with today's verb and with the old one: both answers' text. */
  async function both(data: Record<string, unknown>, verb: string) {
    const today = await h.click(cm, data, undefined, verb);
    const old = await h.click(cm, data, undefined, LEGACY_VERB);
    assert.equal(today.status, 200);
    assert.equal(old.status, 200);
    return { today: cardText(today.card), old: cardText(old.card) };
  }

  it('an old start form still starts an application', async () => {
    const old = await h.click(
      cm,
      { card: 'start:F17', ...f17Start, prisonerId: 'PRN-20077' },
      undefined,
      LEGACY_VERB,
    );
    const started = MIX_ID.exec(cardText(old.card))?.[0];
    assert.ok(started && started !== id, cardText(old.card));
    assert.equal((await h.store.applications.get(started))?.prisonerId, 'PRN-20077');
  });

  it('an old "Open status" and an old refresh draw the status card with its trail, as today', async () => {
    const open = await both({ card: 'f17.status', applicationId: id }, 'open');
    assert.match(open.today, new RegExp(id));
    assert.equal(open.old, open.today);
    const refresh = await both({ card: 'f17.status', applicationId: id, refresh: true }, 'refresh');
    assert.equal(refresh.old, refresh.today);
    assert.equal(refresh.today, open.today);
  });

  it('an old "My tasks" lists the tasks, as today', async () => {
    const tasks = await both({ card: 'generic.mytasks' }, 'myTasks');
    assert.match(tasks.today, new RegExp(id));
    assert.equal(tasks.old, tasks.today);
  });

  it('an old "Send my status view to my chat" clicked in the 1:1 chat shows the status there, as today', async () => {
    const sent = await both({ card: STATUS_TO_CHAT, applicationId: id }, 'statusToChat');
    assert.match(sent.today, new RegExp(id));
    assert.equal(sent.old, sent.today);
  });

  it('in a channel, an old "Send my status view to my chat" is answered with the same message as today', async () => {
    const answers: unknown[] = [];
    for (const [verb, activityId] of [
      ['statusToChat', 'click-today'],
      [LEGACY_VERB, 'click-old'],
    ] as const) {
      const res = await h.post({
        ...h.baseActivity(cm, CHANNEL),
        id: activityId,
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: { type: 'Action.Execute', verb, data: { card: STATUS_TO_CHAT, applicationId: id } },
          trigger: 'manual',
        },
      });
      const body = res.body as { type?: string; value?: unknown };
      assert.equal(body.type, 'application/vnd.microsoft.activity.message', verb);
      answers.push(body.value);
    }
    assert.match(String(answers[0]), /Sent to your chat/);
    assert.equal(answers[1], answers[0]);
  });

  it('an old command button runs its command and redraws the card with the outcome', async () => {
    const [tasks] = await h.say(cm, 'my tasks');
    const consent = await h.click(
      cm,
      findAction(tasks, (d) => d.applicationId === id)!,
    );
    const record = buttonData(consent.card, 'Record consent');
    const trail = (await h.app.engine.history(id)).length;
    const done = await h.click(
      cm,
      {
        ...record,
        consentObtainedBy: 'Mere Case',
        consentDate: '2026-11-20',
        consentFormReference: 'IOMS-DOC-5531',
      },
      undefined,
      LEGACY_VERB,
    );
    assert.match(cardText(done.card), /Recorded by Mere Case/);
    assert.ok((await h.app.engine.history(id)).length > trail, 'the consent is on the record');
  });

  it('a verb that is no action of Tautoko’s is answered "that did not work", and nothing runs', async () => {
    const trail = (await h.app.engine.history(id)).length;
    const res = await h.click(
      cm,
      { card: 'f17.consent', applicationId: id, command: 'f17.recordConsent' },
      undefined,
      'frobnicate',
    );
    assert.equal(res.status, 200);
    assert.match(cardText(res.card), /That did not work/);
    assert.equal((await h.app.engine.history(id)).length, trail);
  });

  it('a card action without its action is the caller’s mistake: 400', async () => {
    const res = await h.post({
      ...h.baseActivity(cm),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { trigger: 'manual' },
    });
    assert.equal(res.status, 400);
  });
});
