import assert from 'node:assert/strict';
import { BotHarness } from '../helpers/botHarness';
import { cardOf, cardText } from '../helpers/connectorStub';
import type { RecordedCall } from '../helpers/connectorStub';
import { F17Run, f17Everyone, f17People } from '../helpers/f17Run';

const { co, gm, gm2 } = f17People;

/** Every card (first send and edits) a person's chat received for an application, by Teams' activity id. */
function heldIn(h: BotHarness, aad: string, appId: string): Map<string, RecordedCall[]> {
  const byId = new Map<string, RecordedCall[]>();
  for (const c of h.connector.sentTo(h.conversationFor(aad))) {
    if (!JSON.stringify(c.body).includes(appId)) continue;
    const id = c.method === 'PUT' ? c.activityId! : c.answeredId!;
    byId.set(id, [...(byId.get(id) ?? []), c]);
  }
  return byId;
}

const hasButton = (call: RecordedCall, command: string) =>
  JSON.stringify(cardOf(call.body)).includes(`"command":"${command}"`);

describe('Up-to-date views: cards people hold are edited after every change (through the outbox)', function () {
  this.timeout(30_000);
  let h: BotHarness;

  before(async () => {
    h = await new BotHarness({ people: f17Everyone }).start();
    for (const p of f17Everyone) await h.install(p);
  });
  after(async () => h?.stop());

  it('when one manager decides, the other manager’s decision card loses its buttons and says who decided', async () => {
    const run = new F17Run(h.app.engine);
    await run.start();
    await run.consent();
    await run.sections();
    await run.review();
    await h.deliverOutbox();
    const before = heldIn(h, gm2.aadObjectId, run.id);
    const decisionIds = [...before]
      .filter(([, calls]) => hasButton(calls[0]!, 'f17.decide'))
      .map(([id]) => id);
    assert.equal(decisionIds.length, 1, 'the second manager holds one decision card with buttons');
    await run.decide(gm);
    await h.deliverOutbox();
    const after = heldIn(h, gm2.aadObjectId, run.id).get(decisionIds[0]!)!;
    const edit = after[after.length - 1]!;
    assert.equal(edit.method, 'PUT', 'edited in place, with the id Teams gave the card');
    assert.equal(hasButton(edit, 'f17.decide'), false, 'no Approve/Decline any more');
    assert.match(cardText(cardOf(edit.body)), /Grace Manager/, 'says who decided');
  });

  it('a withdrawn assessment’s section cards say so, and each held card is edited once per change', async () => {
    const run = new F17Run(h.app.engine);
    await run.start('PRN-50001');
    await run.consent();
    await h.deliverOutbox();
    const held = [...heldIn(h, co.aadObjectId, run.id)].filter(([, c]) =>
      hasButton(c[0]!, 'f17.submitSection'),
    );
    assert.equal(held.length, 1);
    const [activityId] = held[0]!;
    await run.withdraw();
    await h.deliverOutbox();
    const calls = heldIn(h, co.aadObjectId, run.id).get(activityId)!;
    const edits = calls.filter((c) => c.method === 'PUT');
    assert.equal(edits.length, 1, 'one edit for one change');
    assert.match(cardText(cardOf(edits[0]!.body)), /Consent withdrawn/);
    assert.equal(hasButton(edits[0]!, 'f17.submitSection'), false);
    await h.deliverOutbox();
    assert.equal(
      heldIn(h, co.aadObjectId, run.id)
        .get(activityId)!
        .filter((c) => c.method === 'PUT').length,
      1,
      'nothing edited twice',
    );
  });
});
