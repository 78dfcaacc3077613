import assert from 'node:assert/strict';
import { ActivityTypes } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { cardRenderers, startForms, statusCardName } from '../../cards/registry';
import type { AdaptiveCard } from '../../cards/types';
import { StartApplicationDialog } from '../../dialogs/startApplicationDialog';
import type { StartDialogDeps } from '../../dialogs/startApplicationDialog';
import { FixedClock } from '../../services/clock';
import { actorFromPerson } from '../../services/directory/person';
import { createLogger } from '../../services/logger';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import { WorkflowEngine } from '../../services/workflow/engine';
import { workflows } from '../../services/workflows/index';
import { FIXTURE_NOW, huiPeople, huiStartInput } from '../fixtures/c07';
import type { WorkflowKind } from '../../services/store/types';
import { person } from '../helpers/botHarness';
import { cardText } from '../helpers/connectorStub';

const cm = person('aad-cm', 'Mere Case', [['case-manager', 'Site-A']]);
const officerElsewhere = person('aad-co-b', 'Bo Other', [['case-officer', 'Site-B']]);

const valid = {
  prisonerId: 'PRN-20001',
  prisonerName: 'Hemi Pōtae',
  accusedStatus: 'remand',
  courtDate: '2027-01-10',
  gangStatus: 'none',
  rmtStatus: 'assessed',
  rmtLevel: 'low',
  programmeName: 'Literacy',
  programmeKind: 'educational',
  participants: '6',
  facilitatorName: 'Sam Tutor',
  location: 'Learning centre',
  site: 'Site-A',
};

function submission(
  inputs: Record<string, unknown>,
  from: { aadObjectId: string; name: string } = cm,
  kind: WorkflowKind = 'F17',
): Partial<Activity> {
  return {
    type: ActivityTypes.Invoke,
    name: 'adaptiveCard/action',
    from: { id: `29:${from.aadObjectId}`, aadObjectId: from.aadObjectId, name: from.name },
    value: {
      action: { type: 'Action.Execute', verb: 'tautoko', data: { card: `start:${kind}`, ...inputs } },
    },
  };
}

function invokeCard(reply: Partial<Activity> | undefined): AdaptiveCard {
  assert.equal(
    reply?.type,
    ActivityTypes.InvokeResponse,
    `the dialog answers the click in place: ${JSON.stringify(reply).slice(0, 300)}`,
  );
  return (reply!.value as { body: { value: AdaptiveCard } }).body.value;
}

describe('StartApplicationDialog (DialogTestClient)', () => {
  function setup(kind: WorkflowKind = 'F17', now = new Date('2026-11-23T01:00:00Z')) {
    const store = createMemoryStore();
    const clock = new FixedClock(now);
    const engine = new WorkflowEngine(store, workflows, clock, createLogger({ level: 'silent' }));
    const people = new Map<string, Parameters<typeof actorFromPerson>[0]>(
      [cm, officerElsewhere].map((p) => [p.aadObjectId, p]),
    );
    people.set(huiPeople.caseManager.aadObjectId, {
      ...huiPeople.caseManager,
      email: 'wiremu@example.govt.nz',
    });
    const deps: StartDialogDeps = {
      forms: startForms,
      resolveActor: async (ctx: TurnContext) => {
        const p = people.get(ctx.activity.from?.aadObjectId ?? '');
        return p ? actorFromPerson(p) : null;
      },
      start: (kind, input, actor, ctx) =>
        engine.start(kind, input, actor, { activityId: ctx.activity.id ?? 'test', correlationId: 'test' }),
      startedCard: async (app, actor) =>
        cardRenderers[statusCardName(app.kind)]!({ app, viewer: actor, now: clock.now(), params: {} }),
      now: () => clock.now(),
    };
    return {
      store,
      client: new DialogTestClient('msteams', new StartApplicationDialog(deps), { kind }),
    };
  }

  const cases: Array<{ name: string; input: Record<string, unknown>; field: RegExp }> = [
    { name: 'missing prisoner id', input: { ...valid, prisonerId: '' }, field: /PRN/ },
    {
      name: 'a sentenced prisoner',
      input: { ...valid, accusedStatus: 'sentenced' },
      field: /only for accused \(remand\)/,
    },
    {
      name: 'participants not a number',
      input: { ...valid, participants: 'a few' },
      field: /Enter a number/,
    },
    { name: 'no facilitator', input: { ...valid, facilitatorName: '' }, field: /facilitator/ },
    {
      name: 'a court date that is not a date',
      input: { ...valid, courtDate: '31/31/2027' },
      field: /court date/,
    },
  ];

  for (const c of cases) {
    it(`shows the form, then keeps the input and shows the error beside the field for ${c.name}, then accepts a valid one`, async () => {
      const { client, store } = setup();
      const form = await client.sendActivity({
        type: ActivityTypes.Message,
        text: 'new mix assessment',
        from: { id: '29:aad-cm', aadObjectId: cm.aadObjectId, name: cm.name },
      });
      assert.ok(form.attachments?.[0], 'the form card is sent');
      const invalid = invokeCard(await client.sendActivity(submission(c.input)));
      const text = cardText(invalid);
      assert.match(text, c.field);
      assert.match(text, /Hemi Pōtae/, 'input kept, macron intact');
      assert.equal(await store.applications.count(), 0, 'nothing saved');
      assert.equal(client.dialogTurnResult.status, 'waiting');
      const created = invokeCard(await client.sendActivity(submission(valid)));
      assert.match(cardText(created), /MIX-2026-00001/);
      assert.equal(client.dialogTurnResult.status, 'complete');
      assert.equal(await store.applications.count(), 1);
    });
  }

  it('refuses someone without a starting role at the site and saves nothing', async () => {
    const { client, store } = setup();
    await client.sendActivity({
      type: ActivityTypes.Message,
      text: 'new mix assessment',
      from: { id: '29:aad-co-b', aadObjectId: officerElsewhere.aadObjectId, name: officerElsewhere.name },
    });
    const refused = invokeCard(await client.sendActivity(submission(valid, officerElsewhere)));
    assert.match(cardText(refused), /Site-A/);
    assert.equal(await store.applications.count(), 0);
  });

  it('ends on "cancel" without saving', async () => {
    const { client, store } = setup();
    await client.sendActivity({
      type: ActivityTypes.Message,
      text: 'new mix assessment',
      from: { id: '29:aad-cm', aadObjectId: cm.aadObjectId, name: cm.name },
    });
    const reply = await client.sendActivity({
      type: ActivityTypes.Message,
      text: 'cancel',
      from: { id: '29:aad-cm', aadObjectId: cm.aadObjectId, name: cm.name },
    });
    assert.match(reply.text ?? '', /Cancelled/);
    assert.equal(client.dialogTurnResult.status, 'complete');
    assert.equal(await store.applications.count(), 0);
  });

  describe('new hui (C.07)', () => {
    const wiremu = huiPeople.caseManager;
    const hui: Array<{ name: string; input: Record<string, string>; field: RegExp }> = [
      { name: 'no purpose', input: huiStartInput({ purpose: '' }), field: /purpose/i },
      {
        name: 'a time that does not exist in New Zealand',
        input: huiStartInput({ date: '2026-09-27', time: '02:30' }),
        field: /time/i,
      },
    ];
    for (const c of hui) {
      it(`keeps the input and shows the error for ${c.name}, then starts the hui`, async () => {
        const { client, store } = setup('C07', FIXTURE_NOW);
        await client.sendActivity({
          type: ActivityTypes.Message,
          text: 'new hui',
          from: { id: `29:${wiremu.aadObjectId}`, aadObjectId: wiremu.aadObjectId, name: wiremu.name },
        });
        const invalid = invokeCard(await client.sendActivity(submission(c.input, wiremu, 'C07')));
        assert.match(cardText(invalid), c.field);
        assert.match(cardText(invalid), /Whānau room, Rimutaka Prison/, 'input kept, macron intact');
        assert.equal(await store.applications.count(), 0);
        const created = invokeCard(await client.sendActivity(submission(huiStartInput(), wiremu, 'C07')));
        assert.match(cardText(created), /HUI-2026-00001/);
        assert.equal(client.dialogTurnResult.status, 'complete');
      });
    }
  });
});
