import assert from 'node:assert/strict';
import { BotHarness, person } from '../helpers/botHarness';
import { cardText } from '../helpers/connectorStub';

const alice = person('aad-alice', 'Alice Case', [
  ['case-manager', 'Site-A'],
  ['admin', 'Site-A'],
]);
const stranger = person('aad-stranger', 'Sam Stranger', [['case-manager', 'Site-Z']]);
const outsider = { aadObjectId: 'aad-nobody', name: 'Nobody', email: 'nobody@example.com', roles: [] };

describe('HTTP: /api/messages through CloudAdapter to a connector stub', function () {
  let h: BotHarness;
  before(async () => {
    h = await new BotHarness({ people: [alice, stranger] }).start();
  });
  after(async () => h.stop());

  it('answers help with the command card', async () => {
    const cards = await h.say(alice, 'help');
    assert.equal(cards.length, 1);
    const text = cardText(cards[0]);
    assert.match(text, /status <id>/);
    assert.match(text, /my tasks/);
  });

  it('answers an unknown command with help, not silence', async () => {
    const cards = await h.say(alice, 'please make me a sandwich');
    assert.match(cardText(cards[0]), /I did not understand/);
    assert.match(cardText(cards[0]), /applications for <prisoner id>/);
  });

  it('tells someone outside the directory to ask an admin', async () => {
    const cards = await h.say(outsider, 'my tasks');
    assert.match(cardText(cards[0]), /not in the Tautoko staff directory/);
  });

  it('answers status for an unknown id with not found', async () => {
    const cards = await h.say(alice, 'status MIX-2026-99999');
    assert.match(cardText(cards[0]), /There is no application MIX-2026-99999 that you can see/);
  });

  it('refuses a body over the limit with 413 and a JSON body without internals', async () => {
    const big = { ...h.baseActivity(alice), type: 'message', text: 'x'.repeat(300 * 1024) };
    const res = await h.post(big);
    assert.equal(res.status, 413);
    const body = res.body as Record<string, unknown>;
    assert.equal(body.code, 'PayloadTooLarge');
    assert.doesNotMatch(JSON.stringify(body), /at .*\.js|Error:|stack/);
  });

  it('answers /healthz and /readyz', async () => {
    assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${h.url}/readyz`)).status, 200);
  });

  it('lets an admin change roles from chat and audits it; refuses a non-admin', async () => {
    const cards = await h.say(alice, `role add ${stranger.email} case-officer Site-A`);
    assert.match(cardText(cards[0]), /case officer \(Site-A\)/);
    const events = await h.store.events.list('SYSTEM');
    assert.equal(events.at(-1)?.type, 'directory.roleAdded');
    const refused = await h.say(stranger, `role add ${alice.email} admin *`);
    assert.match(cardText(refused[0]), /This is for Tautoko admins/);
  });

  it('registers a channel only from inside a channel, and confirms with a card', async () => {
    const inChat = await h.say(alice, 'register channel entry-staff Site-A');
    assert.match(cardText(inChat[0]), /inside the channel/);
    const channel = { id: '19:entry@thread.tacv2', type: 'channel' as const };
    const cards = await h.say(alice, '<at>Tautoko</at> register channel entry-staff Site-A', channel);
    assert.match(cardText(cards[0]), /Channel registered/);
    assert.ok(await h.store.conversations.getChannel('entry-staff', 'Site-A'));
  });

  it('reads an unreadable card action as a clear message, not a crash', async () => {
    const res = await h.click(alice, { card: 'f17.status', 'bad.key': 1 });
    assert.equal(res.status, 200);
    assert.match(cardText(res.card), /could not read/);
  });
});
