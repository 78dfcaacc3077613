import assert from 'node:assert/strict';
import { parseChatCommand } from '../../bot/chatCommands';
import { registryOf, statusCardName } from '../../cards/process';
import { processes } from '../../cards/processes';
import type { ProcessKind } from '../../cards/processes';
import { drawStartForm } from '../../cards/steps';
import { commandLists, COMMAND_LIMITS, genericCommands, processBotCommands } from '../../manifest/commands';
import { FixedClock } from '../../services/clock';
import { DomainError } from '../../services/errors';
import type { ErrorKind } from '../../services/errors';
import { createLogger } from '../../services/logger';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import { WorkflowEngine } from '../../services/workflow/engine';
import { eventLabel } from '../../services/workflow/types';
import { person } from '../helpers/botHarness';
import { parseWithAdaptiveCards } from '../helpers/cardRender';
import { teamsIssues } from '../helpers/cardSchema';
import { exampleProcess } from './cards';
import type { ExampleState } from './workflow/model';

/**
 * The "how to add a process" walk-through (docs/architecture.md), proved: a process written in
 * its own two folders (here test/exampleProcess/workflow, standing for services/workflows/<p>/, and
 * test/exampleProcess/cards, standing for cards/<p>/) and added to the process list is run by the
 * real engine, draws its cards, and is in help, the chat commands and the Teams manifest.
 */
const SITE = 'Site-A';
const cm = person('aad-x-cm', 'Casey Manager', [['case-manager', SITE]]);
const gm = person('aad-x-gm', 'Grace Manager', [['general-manager-custodial', SITE]]);
const officer = person('aad-x-co', 'Cory Officer', [['case-officer', SITE]]);
const origin = { activityId: 'act-x', correlationId: 'corr-x' };
const NOW = new Date('2026-11-23T00:00:00Z');
const input = {
  site: SITE,
  prisonerId: 'PRN-77',
  prisonerName: 'Tama Example',
  what: 'A guitar in the cell',
};

/** The refusal is the domain error of this kind. */
const refused = (kind: ErrorKind) => (e: unknown) => e instanceof DomainError && e.kind === kind;

const withExample = registryOf([...processes, exampleProcess]);

async function engineWithExample() {
  const store = createMemoryStore();
  await store.people.replaceAll([cm, gm, officer]);
  const engine = new WorkflowEngine(
    store,
    withExample.workflows,
    new FixedClock(NOW),
    createLogger({ level: 'silent' }),
  );
  return { store, engine };
}

function renders(name: string, ctx: Parameters<(typeof withExample.cardRenderers)[string]>[0]): unknown {
  const draw = withExample.cardRenderers[name];
  assert.ok(draw, `${name} is in the card registry`);
  const c = draw(ctx);
  assert.deepEqual(parseWithAdaptiveCards(c), [], `${name} parses with no validation events`);
  assert.deepEqual(teamsIssues(c), [], `${name} is within what Teams supports`);
  return c;
}

describe('an example process added to the process list', () => {
  it('runs through the engine: a case manager asks, the general manager decides once', async () => {
    const { store, engine } = await engineWithExample();
    await assert.rejects(engine.start('X01', input, officer, origin), refused('FORBIDDEN'));
    await assert.rejects(engine.start('X01', { ...input, what: ' ' }, cm, origin), refused('VALIDATION'));

    const app = await engine.start('X01', input, cm, origin);
    assert.match(app._id, /^REQ-2026-\d{5}$/);
    assert.equal(app.stage, 'decision');
    assert.deepEqual(
      app.openTasks.map((t) => [t.key, t.roles, t.card]),
      [['x01.decide', ['general-manager-custodial'], 'x01.status']],
    );
    const asked = await store.outbox.countByStatus();
    assert.equal(asked.pending, 1, 'the decider is asked');

    const decide = {
      type: 'x01.decide',
      outcome: 'approve',
      reasons: 'Kept in the property room overnight.',
    };
    await assert.rejects(engine.execute(app._id, decide, cm, origin), refused('FORBIDDEN'));
    await assert.rejects(
      engine.execute(app._id, { ...decide, outcome: 'maybe' }, gm, origin),
      refused('VALIDATION'),
    );
    const { app: decided, events } = await engine.execute(app._id, decide, gm, origin);
    assert.deepEqual(
      events.map((e) => e.type),
      ['x01.decided'],
    );
    assert.equal(decided.stage, 'approved');
    assert.equal(decided.closed, true);
    assert.deepEqual(decided.openTasks, []);
    assert.equal((decided.state as ExampleState).decision?.by.name, gm.name);
    await assert.rejects(engine.execute(app._id, decide, gm, origin), refused('ALREADY_DONE'));

    const history = await engine.history(app._id);
    assert.deepEqual(
      history.map((e) => eventLabel(engine.workflow('X01'), e.type)),
      ['Request made', 'Decision recorded'],
    );
  });

  it('draws its status card for the decider (with the decision inputs) and for others, and its start form', async () => {
    const { engine } = await engineWithExample();
    const app = await engine.start('X01', input, cm, origin);
    const name = statusCardName(app.kind);
    const forDecider = JSON.stringify(renders(name, { app, viewer: gm, now: NOW, params: {} }));
    assert.match(forDecider, /"id":"outcome"/);
    assert.match(forDecider, /"command":"x01.decide"/);
    const forOthers = JSON.stringify(renders(name, { app, viewer: cm, now: NOW, params: {} }));
    assert.doesNotMatch(forOthers, /"id":"outcome"/);
    assert.match(forOthers, /This is for general manager custodial at Site-A/);

    const form = withExample.startForms['X01'];
    assert.ok(form, 'its start form is registered under its kind');
    const first = drawStartForm(form)({ viewer: cm, now: NOW });
    assert.deepEqual(parseWithAdaptiveCards(first), []);
    assert.match(JSON.stringify(first), /New example request/);
  });

  it('is in help, understood in chat and listed in the Teams manifest', async () => {
    const { engine } = await engineWithExample();
    // help lists every workflow's chat commands (bot/teamsBot.ts), from the engine's workflows.
    const specs = engine.workflows().flatMap((w) => w.chatCommands);
    assert.ok(specs.some((s) => s.usage === 'new example request'));
    assert.deepEqual(parseChatCommand('New  Example request', specs), {
      kind: 'workflow',
      intent: { kind: 'start', workflow: 'X01' },
    });
    assert.deepEqual(parseChatCommand('example request req-2026-00001', specs), {
      kind: 'workflow',
      intent: { kind: 'card', card: 'x01.status', applicationId: 'REQ-2026-00001' },
    });

    const personal = commandLists([
      ...genericCommands,
      ...processBotCommands(withExample.manifestCommands),
    ])[0]!;
    assert.ok(personal.commands.some((c) => c.title === 'new example request'));
    assert.ok(personal.commands.length <= COMMAND_LIMITS.perList);
  });

  it('the production list does not have it; a list with a clash is refused before anything runs', () => {
    const production = registryOf(processes);
    assert.equal(production.cardRenderers['x01.status'], undefined);
    assert.equal(production.workflows.length, processes.length);
    // ProcessKind is the union of the list's kinds (checked by the type-check): X01 is not one.
    const kinds: ProcessKind[] = ['C07', 'F17', 'V01', 'V01P'];
    // @ts-expect-error the example is not in the production list
    const notListed: ProcessKind = 'X01';
    assert.deepEqual(
      production.workflows.map((w) => w.kind),
      kinds,
    );
    assert.ok(!production.workflows.some((w) => w.kind === notListed));
    assert.throws(
      () => registryOf([...processes, exampleProcess, exampleProcess]),
      /Two processes have the kind X01/,
    );
    assert.throws(
      () => registryOf([{ ...exampleProcess, cards: { 'x01.summary': exampleProcess.cards['x01.status'] } }]),
      /has no x01.status card/,
    );
    assert.throws(
      () => registryOf([{ ...exampleProcess, manifest: [{ usage: 'new request', scopes: ['personal'] }] }]),
      /"new request" is not one of its chat commands/,
    );
  });
});
