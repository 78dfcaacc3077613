import assert from 'node:assert/strict';
import { decisionData, sectionData, seedAssessments, TURN_BUDGETS } from '../../bench/turns';
import { buildWorld } from '../../bench/world';
import type { Progress, World } from '../../bench/world';
import type { Person } from '../../services/directory/person';
import type { MongoStore } from '../../services/store/mongo/mongoStore';
import type { ApplicationDoc } from '../../services/workflow/domain';
import { BotHarness } from '../helpers/botHarness';
import { cardText } from '../helpers/connectorStub';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';

/**
 * Database round trips per turn, counted with the driver's command monitoring on the real database
 * (issue 18, item 2). Counts do not depend on timing, so they are a budget that fails the build.
 * Each turn is measured warm: its user has spoken to this bot process before, as nearly every turn
 * in production has. Outbox delivery is not part of a turn (the worker is off here). The bench
 * prints the same counts (bench/roundTrips.ts).
 */
const asPerson = (world: World, aadObjectId: string): Person =>
  world.people.find((p) => p.aadObjectId === aadObjectId)!;

describe('database round trips per turn (command monitoring, MongoDB)', function () {
  this.timeout(60_000);
  let mongo: TestMongo;
  let store: MongoStore;
  let h: BotHarness;
  let apps: Record<Progress, ApplicationDoc[]>;
  const world = buildWorld(2, 2);
  const site = world.sites[0]!;
  const [cm, co, gm] = [site.cm[0]!, site.co[0]!, site.gm[0]!].map((a) => asPerson(world, a.aadObjectId)) as [
    Person,
    Person,
    Person,
  ];
  const measured: Record<string, { requests: number; byName: Record<string, number> }> = {};

  before(async function () {
    mongo = await testMongoOrSkip(this);
    store = await mongo.open();
    apps = await seedAssessments(store, world, [
      ['readyForReview', 2],
      ['consented', 2],
      ['awaitingDecision', 2],
    ]);
    h = await new BotHarness({ store, people: world.people }).start();
    for (const p of [cm, co, gm]) await h.install(p);
  });

  after(async () => {
    if (Object.keys(measured).length > 0) {
      process.stdout.write('      requests per warm turn:\n');
      for (const [name, m] of Object.entries(measured))
        process.stdout.write(`        ${name.padEnd(15)} ${m.requests}  ${JSON.stringify(m.byName)}\n`);
    }
    if (h) await h.stop();
    if (mongo) await mongo.close().catch(() => undefined);
  });

  /** Runs a turn and returns how many requests it sent, by command. */
  async function count<T>(name: string, turn: () => Promise<T>): Promise<{ requests: number; result: T }> {
    const before = mongo.commands.count;
    const namesBefore = mongo.commands.byName();
    const result = await turn();
    const requests = mongo.commands.count - before;
    const byName = Object.fromEntries(
      Object.entries(mongo.commands.byName())
        .map(([k, v]) => [k, v - (namesBefore[k] ?? 0)] as const)
        .filter(([, v]) => v > 0),
    );
    measured[name] = { requests, byName };
    return { requests, result };
  }

  it(`help: at most ${TURN_BUDGETS.help}`, async () => {
    await h.say(cm, 'help');
    const { requests, result } = await count('help', () => h.say(cm, 'help'));
    assert.match(cardText(result[0]), /my tasks/);
    assert.ok(requests <= TURN_BUDGETS.help, `help took ${requests} requests`);
  });

  it(`status <id>: at most ${TURN_BUDGETS.status}`, async () => {
    const [warm, app] = apps.readyForReview as [ApplicationDoc, ApplicationDoc];
    await h.say(cm, `status ${warm._id}`);
    const { requests, result } = await count('status', () => h.say(cm, `status ${app._id}`));
    assert.match(cardText(result[0]), new RegExp(app._id));
    assert.ok(requests <= TURN_BUDGETS.status, `status took ${requests} requests`);
  });

  it(`my tasks: at most ${TURN_BUDGETS.myTasks}`, async () => {
    await h.say(cm, 'my tasks');
    const { requests, result } = await count('my tasks', () => h.say(cm, 'my tasks'));
    assert.match(cardText(result[0]), /MIX-2026-/);
    assert.ok(requests <= TURN_BUDGETS.myTasks, `my tasks took ${requests} requests`);
  });

  it(`F.17 section submit: at most ${TURN_BUDGETS.sectionSubmit}`, async () => {
    const [warm, app] = apps.consented as [ApplicationDoc, ApplicationDoc];
    assert.match(cardText((await h.click(co, sectionData(warm))).card), /Recorded by/);
    const { requests, result } = await count('section submit', () => h.click(co, sectionData(app)));
    assert.match(cardText(result.card), /Recorded by/);
    assert.equal((await store.applications.get(app._id))?.version, app.version + 1);
    assert.ok(requests <= TURN_BUDGETS.sectionSubmit, `section submit took ${requests} requests`);
  });

  it(`F.17 decision: at most ${TURN_BUDGETS.decision}, outbox entries written, none delivered`, async () => {
    const [warm, app] = apps.awaitingDecision as [ApplicationDoc, ApplicationDoc];
    assert.match(cardText((await h.click(gm, decisionData(warm))).card), /Recorded by/);
    const pendingBefore = (await store.outbox.countByStatus()).pending ?? 0;
    const { requests, result } = await count('decision', () => h.click(gm, decisionData(app)));
    assert.match(cardText(result.card), /Recorded by/);
    const after = await store.applications.get(app._id);
    assert.equal(after?.stage, 'approved');
    assert.equal(after?.notifiedThrough, after?.version, 'the notifications are queued within the turn');
    assert.ok(((await store.outbox.countByStatus()).pending ?? 0) > pendingBefore);
    assert.ok(requests <= TURN_BUDGETS.decision, `decision took ${requests} requests`);
  });
});
