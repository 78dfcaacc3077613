import assert from 'node:assert/strict';
import { TeamsUserIds } from '../../bot/teamsUserIds';
import type { AdaptiveCard } from '../../cards/types';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import { BotHarness } from '../helpers/botHarness';
import { cardOf } from '../helpers/connectorStub';
import { F17Run, f17Everyone, f17People } from '../helpers/f17Run';

const { co, gm, intel } = f17People;

function refreshIds(card: Record<string, unknown> | undefined): string[] | undefined {
  return (card?.refresh as { userIds?: string[] } | undefined)?.userIds;
}

describe('Cards name Teams user ids (MRIs) in refresh.userIds', function () {
  this.timeout(30_000);
  let h: BotHarness;

  before(async () => {
    h = await new BotHarness({ people: f17Everyone }).start();
    // Everyone but the intelligence officer has opened a chat; Teams sends from.id = 29:…
    for (const p of f17Everyone) if (p !== intel) await h.install(p);
  });
  after(async () => h?.stop());

  it('records from.id as the person’s Teams user id and puts it, not the Entra id, in the section card sent to them', async () => {
    const run = new F17Run(h.app.engine);
    await run.start();
    await run.consent();
    await h.deliverOutbox();
    const ids = await h.store.conversations.userIdsOf([co.aadObjectId, intel.aadObjectId]);
    assert.equal(ids.get(co.aadObjectId), `29:${co.aadObjectId}`);
    assert.equal(ids.has(intel.aadObjectId), false, 'never seen: no id');
    const cards = h.connector
      .sentTo(h.conversationFor(co.aadObjectId))
      .map((c) => cardOf(c.body))
      .filter((c) => c?.refresh);
    assert.ok(cards.length > 0, 'the case officer got a card with refresh');
    for (const c of cards) assert.deepEqual(refreshIds(c), [`29:${co.aadObjectId}`]);
  });

  it('puts the clicker’s MRI in the card an invoke answers with', async () => {
    const run = new F17Run(h.app.engine);
    await run.start('PRN-20001');
    await run.consent();
    await run.sections();
    await run.review();
    await h.deliverOutbox();
    const [status] = await h.say(gm, `status ${run.id}`);
    const ids = refreshIds(status);
    if (ids) for (const id of ids) assert.match(id, /^29:/, 'only MRIs');
    const decision = h.connector
      .sentTo(h.conversationFor(gm.aadObjectId))
      .map((c) => cardOf(c.body))
      .find((c) => JSON.stringify(c).includes('f17.decide'));
    assert.deepEqual(refreshIds(decision), [`29:${gm.aadObjectId}`]);
  });

  it('keeps at most 60 ids and drops people never seen', async () => {
    const store = createMemoryStore();
    const ids = new TeamsUserIds(store.conversations);
    for (let i = 0; i < 70; i++) await ids.remember({ id: `29:user-${i}`, aadObjectId: `aad-${i}` });
    const card: AdaptiveCard = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [],
      refresh: {
        action: { type: 'Action.Execute', title: 'Refresh', verb: 'tautoko', data: {} },
        userIds: [...Array.from({ length: 70 }, (_, i) => `aad-${i}`), 'aad-never-seen'],
      },
    } as unknown as AdaptiveCard;
    const out = await new TeamsUserIds(store.conversations).translate(card);
    assert.equal(out.refresh?.userIds?.length, 60);
    assert.ok(out.refresh?.userIds?.every((u) => u.startsWith('29:')));
  });
});
