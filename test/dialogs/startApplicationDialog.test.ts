import assert from 'node:assert/strict';
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { DialogSet } from 'botbuilder-dialogs';
import type { DialogContext, DialogState } from 'botbuilder-dialogs';
import { cardRenderers, statusCardName } from '../../cards/registry';
import { f17StartSteps } from '../../cards/f17/startForm';
import {
  CANCELLED,
  readMove,
  START_DIALOG_ID,
  StartApplicationDialog,
} from '../../dialogs/startApplicationDialog';
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

/**
 * The dialog on its own, through botbuilder's TestAdapter and a conversation state in memory: it
 * returns the cards and words and sends nothing itself. The steps through the real adapter are in
 * test/http/startSteps.
 */
describe('StartApplicationDialog (TestAdapter)', () => {
  function setup() {
    const store = createMemoryStore();
    const clock = new FixedClock(new Date('2026-11-23T01:00:00Z'));
    const engine = new WorkflowEngine(store, workflows, clock, createLogger({ level: 'silent' }));
    const deps: StartDialogDeps = {
      check: async () => [],
      start: (kind, input, actor, ctx) =>
        engine.start(kind, input, actor, { activityId: ctx.activity.id ?? 'test', correlationId: 'test' }),
      startedCard: async (app, actor) =>
        cardRenderers[statusCardName(app.kind)]!({ app, viewer: actor, now: clock.now(), params: {} }),
      decorate: async (card) => card,
      now: () => clock.now(),
    };
    const dialog = new StartApplicationDialog(deps);
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
    dialogs.add(dialog);
    const sent: unknown[] = [];
    /** One message turn in the same conversation: runs `fn` on its dialog context and saves the state. */
    async function turn<T>(fn: (dc: DialogContext) => Promise<T>): Promise<T> {
      let result: T | undefined;
      const adapter = new TestAdapter(async (ctx) => {
        ctx.onSendActivities(async (_c, activities, next) => {
          sent.push(...activities);
          return next();
        });
        result = await fn(await dialogs.createContext(ctx));
        await state.saveChanges(ctx);
      });
      await adapter.send({ type: ActivityTypes.Message, text: 'x', from });
      return result as T;
    }
    return { store, dialog, turn, sent };
  }

  it('begins with the first step of the form, titled with its place in the sequence', async () => {
    const { dialog, turn, sent } = setup();
    const card = await turn((dc) => dialog.begin(dc, f17StartSteps, actorFromPerson(cm)));
    assert.match(cardText(card), /Step 1 of 3 — prisoner/);
    assert.match(cardText(card), /PRN/);
    assert.doesNotMatch(cardText(card), /Programme name/, 'the programme is the next step');
    assert.equal(await turn(async (dc) => dc.activeDialog?.id), START_DIALOG_ID, 'the form is open');
    assert.deepEqual(sent, [], 'the dialog returns its card; the bot answers with it');
  });

  it('ends on "cancel" without saving', async () => {
    const { dialog, turn, store, sent } = setup();
    await turn((dc) => dialog.begin(dc, f17StartSteps, actorFromPerson(cm)));
    assert.equal(await turn((dc) => dialog.cancel(dc)), CANCELLED);
    assert.equal(await turn(async (dc) => dc.activeDialog), undefined, 'the form is closed');
    assert.equal(await turn((dc) => dialog.cancel(dc)), undefined, 'nothing left to cancel');
    assert.equal(await store.applications.count(), 0);
    assert.deepEqual(sent, []);
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
