import assert from 'node:assert/strict';
import { cardRenderers } from '../../cards/registry';
import { STATUS_TO_CHAT, STATUS_TO_MY_CHAT } from '../../cards/statusButtons';
import { actorFromPerson } from '../../services/directory/person';
import type { Person } from '../../services/directory/person';
import { BotHarness, buttonData, person } from '../helpers/botHarness';
import { cardOf, cardText } from '../helpers/connectorStub';
import { f17Everyone, f17People, f17Start } from '../helpers/f17Run';

const CHANNEL = { id: '19:decisions@thread.tacv2', type: 'channel' as const };
const elsewhere = person('aad-elsewhere', 'Jo Elsewhere', [['case-manager', 'Site-Z']]);

describe('HTTP: the channel post’s "Send my status view to my chat" button', function () {
  this.timeout(30_000);
  let h: BotHarness;
  let id = '';
  before(async () => {
    h = await new BotHarness({ people: [...f17Everyone, elsewhere] }).start();
    for (const p of [f17People.cm, f17People.co, elsewhere]) await h.install(p);
    const started = await h.click(f17People.cm, { card: 'start:F17', ...f17Start });
    id = /MIX-\d{4}-\d{5}/.exec(cardText(started.card))?.[0] ?? '';
    assert.ok(id);
  });
  after(async () => h.stop());

  /** A click on the post in the channel: what Teams sends from a channel. */
  async function clickInChannel(who: Person, activityId?: string) {
    const app = await h.store.applications.get(id);
    const post = cardRenderers['f17.channelDecision']!({
      app: app!,
      viewer: actorFromPerson(who),
      now: h.clock.now(),
      params: {},
    });
    const data = buttonData(post, STATUS_TO_MY_CHAT);
    const res = await h.post({
      ...h.baseActivity(who, CHANNEL),
      ...(activityId ? { id: activityId } : {}),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'tautoko', data }, trigger: 'manual' },
    });
    return res.body as { type?: string; value?: unknown };
  }

  const chatCards = (p: Person) =>
    h.connector
      .sentTo(h.conversationFor(p.aadObjectId))
      .map((c) => cardOf(c.body))
      .filter((c) => c && cardText(c).includes(id));

  it('the post carries the button, not an instruction to type a command', async () => {
    const app = await h.store.applications.get(id);
    const post = cardRenderers['f17.channelDecision']!({
      app: app!,
      viewer: actorFromPerson(f17People.co),
      now: h.clock.now(),
      params: {},
    });
    assert.deepEqual(buttonData(post, STATUS_TO_MY_CHAT), { card: STATUS_TO_CHAT, applicationId: id });
    assert.doesNotMatch(cardText(post), /ask the bot/);
  });

  it('someone who may see it: a short message in the channel (the post stays), their own view in their 1:1 chat', async () => {
    const before = chatCards(f17People.co).length;
    const answer = await clickInChannel(f17People.co, 'act-click-1');
    assert.equal(answer.type, 'application/vnd.microsoft.activity.message', 'no card replaces the post');
    assert.match(String(answer.value), /Sent to your chat with Tautoko/);
    assert.equal((await h.deliverOutbox()) > 0, true);
    const sent = chatCards(f17People.co);
    assert.equal(sent.length, before + 1, 'one card in the clicker’s 1:1 chat');
    assert.match(cardText(sent.at(-1)), /Wiremu Tāne/);
    // Teams retrying the same click sends nothing more.
    await clickInChannel(f17People.co, 'act-click-1');
    await h.deliverOutbox();
    assert.equal(chatCards(f17People.co).length, before + 1);
  });

  it('someone who may not see it is told so, and nothing is sent', async () => {
    const answer = await clickInChannel(elsewhere);
    assert.equal(answer.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(answer.value), new RegExp(`There is no application ${id} that you can see`));
    assert.equal(await h.deliverOutbox(), 0);
    assert.equal(chatCards(elsewhere).length, 0);
  });

  it('clicked in the 1:1 chat itself, it opens the status there', async () => {
    const res = await h.click(f17People.co, { card: STATUS_TO_CHAT, applicationId: id });
    assert.match(cardText(res.card), new RegExp(id));
    assert.match(cardText(res.card), /Wiremu Tāne/);
  });

  it('someone who has never chatted with Tautoko: their 1:1 chat is created, and the view reaches it', async () => {
    // The GM was never installed here: no stored 1:1 conversation. The bot learnt their Teams user
    // id from the click itself, so delivery opens the chat (createConversation) and posts into it.
    const created = h.connector.created.length;
    const answer = await clickInChannel(f17People.gm, 'act-click-gm');
    assert.equal(answer.type, 'application/vnd.microsoft.activity.message', 'no card replaces the post');
    assert.match(String(answer.value), /Sent to your chat with Tautoko/);
    assert.ok((await h.deliverOutbox()) > 0);
    assert.equal(h.connector.created.length, created + 1, 'one 1:1 chat created');
    const conversation = `a:created-${created + 1}`;
    const sent = h.connector.sentTo(conversation).map((c) => cardOf(c.body));
    assert.equal(sent.length, 1, 'the status view posted into the new chat');
    assert.match(cardText(sent[0]), new RegExp(id));
    assert.match(cardText(sent[0]), /Wiremu Tāne/);
  });

  it('someone Teams will not open a chat with is told so, and nothing is queued', async () => {
    h.connector.script = (req) =>
      req.method === 'POST' && /^\/v3\/conversations\/?$/.test(req.path)
        ? { status: 403, code: 'BotNotInConversationRoster' }
        : undefined;
    try {
      const answer = await clickInChannel(f17People.intel, 'act-click-intel');
      assert.equal(answer.type, 'application/vnd.microsoft.activity.message');
      assert.match(String(answer.value), /could not open a chat with you, so nothing was sent/);
      assert.equal(await h.deliverOutbox(), 0, 'nothing queued for a chat that is not there');
    } finally {
      h.connector.script = undefined;
    }
  });
});
