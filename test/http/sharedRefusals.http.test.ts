import assert from 'node:assert/strict';
import { person, BotHarness } from '../helpers/botHarness';
import { f17Everyone, f17People } from '../helpers/f17Run';
import type { Person } from '../../services/directory/person';

const CHANNEL = { id: '19:decisions@thread.tacv2', type: 'channel' as const };
const MESSAGE = 'application/vnd.microsoft.activity.message';

/**
 * In a channel or group chat the card an invoke returns replaces the post for everyone in it. A
 * click that is refused before any card is drawn (its data unreadable, the clicker not in the
 * directory, a failure) must leave the post as it is: the clicker alone is told, with a message.
 */
describe('HTTP: a click refused in a channel leaves the post for everyone', function () {
  this.timeout(30_000);
  let h: BotHarness;
  const stranger = person('aad-stranger', 'Sam Stranger', []);
  before(async () => {
    h = await new BotHarness({ people: f17Everyone }).start();
  });
  after(async () => h.stop());

  async function clickInChannel(who: Person, data: unknown) {
    const res = await h.post({
      ...h.baseActivity(who, CHANNEL),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'open', data }, trigger: 'manual' },
    });
    assert.equal(res.status, 200);
    return res.body as { type?: string; value?: unknown };
  }

  it('unreadable card data: a message to the clicker, no card replaces the post', async () => {
    const answer = await clickInChannel(f17People.co, 'not card data');
    assert.equal(answer.type, MESSAGE);
    assert.match(String(answer.value), /That did not work/);
  });

  it('someone not in the directory: a message to them, no card replaces the post', async () => {
    const answer = await clickInChannel(stranger, { card: 'f17.status', applicationId: 'MIX-2026-00001' });
    assert.equal(answer.type, MESSAGE);
    assert.match(String(answer.value), /not in the Tautoko staff directory/);
  });

  it('in the 1:1 chat the same refusals are cards, as before', async () => {
    const res = await h.post({
      ...h.baseActivity(f17People.co),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'open', data: 'not card data' }, trigger: 'manual' },
    });
    assert.equal((res.body as { type?: string }).type, 'application/vnd.microsoft.card.adaptive');
  });
});
