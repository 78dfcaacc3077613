import assert from 'node:assert/strict';
import pino from 'pino';
import { FixedClock } from '../../services/clock';
import { actorWithCover } from '../../services/directory/delegation';
import type { DelegationRecord } from '../../services/directory/delegation';
import { actorFromPerson } from '../../services/directory/person';
import { MemoryStore } from '../../services/store/memory/memoryStore';
import { WorkflowEngine } from '../../services/workflow/engine';
import { workflows } from '../../cards/processes';
import type { F17State } from '../../services/workflows/f17/model';
import { F17Run, f17People, f17Start, SITE } from '../helpers/f17Run';
import { person } from '../helpers/botHarness';

/**
 * One mechanism for "acting as": F.17 records the F.17.03 roles the actor held when they acted
 * (`actingAs`), from the same actor the engine decides with, so cover counts there as it does
 * everywhere: someone acting as case manager is told the decision as the case manager, and their
 * events are stamped with the cover they acted under.
 */
describe('acting cover through the engine: F.17.03 "acting as" and the event stamp', () => {
  const T0 = new Date('2026-11-23T00:00:00Z');
  const psych = person('aad-psych', 'Patti Fernandez', [['psychologist', SITE]]);
  const cover: DelegationRecord = {
    _id: 'DEL-2026-00007',
    delegate: psych.aadObjectId,
    delegateName: psych.name,
    role: 'case-manager',
    site: SITE,
    from: T0,
    until: new Date(T0.getTime() + 7 * 86_400_000),
    grantedBy: { aadObjectId: f17People.cm.aadObjectId, name: f17People.cm.name },
    grantedAt: T0,
    grantedAs: 'role-holder',
    requestKey: 'grant:x',
  };

  it('someone acting as case manager under a delegation is told as the case manager', async () => {
    const store = new MemoryStore();
    await store.people.replaceAll([...Object.values(f17People), psych]);
    const engine = new WorkflowEngine(store, workflows, new FixedClock(T0), pino({ level: 'silent' }));
    const origin = { activityId: 'act-1', correlationId: 'c-1' };
    await assert.rejects(
      engine.start('F17', f17Start, actorFromPerson(psych), origin),
      /case manager/,
      'a psychologist may not start one in their own right',
    );
    const app = await engine.start('F17', f17Start, actorWithCover(psych, [cover], T0), origin);
    const [started] = await store.events.list(app._id);
    assert.equal(started?.actor.name, 'Patti Fernandez, acting case manager');
    assert.deepEqual(started?.actor.acting, {
      delegationId: 'DEL-2026-00007',
      role: 'case-manager',
      site: SITE,
    });
    assert.deepEqual(started?.payload['actingAs'], ['case-manager']);

    const run = new F17Run(engine);
    run.id = app._id;
    await run.consent();
    await run.sections();
    await run.review();
    await run.decide();
    const doc = await store.applications.get(app._id);
    assert.deepEqual((doc?.state as F17State).actedAs?.[psych.aadObjectId], ['case-manager']);
    const decided = (await store.events.list(app._id)).find((e) => e.type === 'f17.decided')!;
    const id = psych.aadObjectId;
    const tell = await store.outbox.get(`${decided._id}:decision:${id}:${id}`);
    assert.equal(tell?.cardRef?.name, 'f17.informPrisoner', 'told by name, as the case manager');
  });
});
