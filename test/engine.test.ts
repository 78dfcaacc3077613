import assert from 'node:assert/strict';
import { people, startInput } from './fixtures/f17';
import { FixedClock } from '../services/clock';
import { UnavailableError } from '../services/errors';
import { createLogger } from '../services/logger';
import { createMemoryStore } from '../services/store/memory/memoryStore';
import { WorkflowEngine } from '../services/workflow/engine';
import { workflows } from '../cards/processes';

const origin = { activityId: 'act-1', correlationId: 'corr-1' };
const consent = {
  type: 'f17.recordConsent',
  consentObtainedBy: 'Aroha Ngata',
  consentDate: '2026-03-02',
  consentFormReference: 'IOMS doc 55120',
};

describe('workflow engine: a change is recorded once its events are in', () => {
  it('reports success when the snapshot write fails after the events were appended, and repairs on the next read', async () => {
    const store = createMemoryStore();
    await store.people.replaceAll(
      Object.values(people).map((p) => ({ ...p, email: `${p.aadObjectId}@example.govt.nz` })),
    );
    const engine = new WorkflowEngine(
      store,
      workflows,
      new FixedClock(new Date('2026-03-03T00:00:00Z')),
      createLogger({ level: 'silent' }),
    );
    const app = await engine.start('F17', startInput(), people.caseManager, origin);
    const replace = store.applications.replaceIfVersion.bind(store.applications);
    store.applications.replaceIfVersion = async () => {
      throw new UnavailableError();
    };
    const { app: after, events } = await engine.execute(app._id, consent, people.caseManager, origin);
    assert.ok(events.length > 0, 'the consent is recorded');
    assert.equal(after.stage, 'stakeholder-input');
    assert.equal(
      (await store.applications.get(app._id))?.version,
      app.version,
      'the stored snapshot is behind',
    );
    store.applications.replaceIfVersion = replace;
    const reloaded = await engine.load(app._id);
    assert.equal(reloaded?.version, after.version, 'the next read brings it up to date from the audit trail');
    assert.equal(reloaded?.stage, 'stakeholder-input');
    assert.ok((await store.outbox.countByStatus()).pending > 0, 'and the notifications go out');
  });

  it('reports "not saved" when the events themselves could not be appended', async () => {
    const store = createMemoryStore();
    const engine = new WorkflowEngine(
      store,
      workflows,
      new FixedClock(new Date('2026-03-03T00:00:00Z')),
      createLogger({ level: 'silent' }),
    );
    const app = await engine.start('F17', startInput(), people.caseManager, origin);
    store.events.append = async () => {
      throw new UnavailableError();
    };
    await assert.rejects(engine.execute(app._id, consent, people.caseManager, origin), UnavailableError);
    assert.equal((await engine.load(app._id))?.stage, 'awaiting-consent');
  });
});
