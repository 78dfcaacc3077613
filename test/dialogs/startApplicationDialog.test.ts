import assert from 'node:assert/strict';
import { ActivityTypes } from 'botbuilder';
import type { TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { cardRenderers, startForms, statusCardName } from '../../cards/registry';
import { f17StartSteps } from '../../cards/f17/startForm';
import { readMove, StartApplicationDialog } from '../../dialogs/startApplicationDialog';
import type { StartDialogDeps } from '../../dialogs/startApplicationDialog';
import { FixedClock } from '../../services/clock';
import { actorFromPerson } from '../../services/directory/person';
import { createLogger } from '../../services/logger';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import { WorkflowEngine } from '../../services/workflow/engine';
import { workflows } from '../../cards/processes';
import { person } from '../helpers/botHarness';
import { cardText } from '../helpers/connectorStub';

const cm = person('aad-cm', 'Mere Case', [['case-manager', 'Site-A']]);
const from = { id: '29:aad-cm', aadObjectId: cm.aadObjectId, name: cm.name };

/** The dialog on its own (DialogTestClient); the steps through the real adapter are in test/http/startSteps. */
describe('StartApplicationDialog (DialogTestClient)', () => {
  function setup() {
    const store = createMemoryStore();
    const clock = new FixedClock(new Date('2026-11-23T01:00:00Z'));
    const engine = new WorkflowEngine(store, workflows, clock, createLogger({ level: 'silent' }));
    const deps: StartDialogDeps = {
      forms: startForms,
      resolveActor: async (ctx: TurnContext) =>
        ctx.activity.from?.aadObjectId === cm.aadObjectId ? actorFromPerson(cm) : null,
      check: async () => [],
      start: (kind, input, actor, ctx) =>
        engine.start(kind, input, actor, { activityId: ctx.activity.id ?? 'test', correlationId: 'test' }),
      startedCard: async (app, actor) =>
        cardRenderers[statusCardName(app.kind)]!({ app, viewer: actor, now: clock.now(), params: {} }),
      decorate: async (card) => card,
      now: () => clock.now(),
    };
    return {
      store,
      client: new DialogTestClient('msteams', new StartApplicationDialog(deps), { kind: 'F17' }),
    };
  }

  it('begins with the first step of the form, titled with its place in the sequence', async () => {
    const { client } = setup();
    const first = await client.sendActivity({
      type: ActivityTypes.Message,
      text: 'new mix assessment',
      from,
    });
    const card = first.attachments?.[0]?.content;
    assert.match(cardText(card), /Step 1 of 3 — prisoner/);
    assert.match(cardText(card), /PRN/);
    assert.doesNotMatch(cardText(card), /Programme name/, 'the programme is the next step');
    assert.equal(client.dialogTurnResult.status, 'waiting');
  });

  it('ends on "cancel" without saving', async () => {
    const { client, store } = setup();
    await client.sendActivity({ type: ActivityTypes.Message, text: 'new mix assessment', from });
    const reply = await client.sendActivity({ type: ActivityTypes.Message, text: 'cancel', from });
    assert.match(reply.text ?? '', /Cancelled/);
    assert.equal(client.dialogTurnResult.status, 'complete');
    assert.equal(await store.applications.count(), 0);
  });
});

describe('step buttons', () => {
  it('reads only moves the form has: a step in range, a known direction, a step to change', () => {
    assert.deepEqual(readMove(f17StartSteps, { step: 0, go: 'next' }), { step: 0, go: 'next' });
    assert.deepEqual(readMove(f17StartSteps, { step: 2, go: 'edit', to: 1 }), { step: 2, go: 'edit', to: 1 });
    assert.deepEqual(readMove(f17StartSteps, { step: 2, go: 'start' }), { step: 2, go: 'start' });
    for (const bad of [
      {},
      { step: 3, go: 'next' },
      { step: 2, go: 'next' },
      { step: -1, go: 'back' },
      { step: 0.5, go: 'next' },
      { step: '0', go: 'next' },
      { step: 0, go: 'jump' },
      { step: 2, go: 'edit', to: 2 },
      { step: 2, go: 'edit' },
    ])
      assert.equal(readMove(f17StartSteps, bad), undefined, JSON.stringify(bad));
  });
});
