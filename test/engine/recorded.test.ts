import assert from 'node:assert/strict';
import { people } from '../fixtures/f17';
import { UnavailableError } from '../../services/errors';
import { Driver } from '../helpers/driver';

const now = new Date('2026-03-03T00:00:00Z');
const consent = {
  type: 'f17.recordConsent',
  consentObtainedBy: 'Aroha Ngata',
  consentDate: '2026-03-02',
  consentFormReference: 'IOMS doc 55120',
};

describe('workflow engine: a change is recorded once its events are in', () => {
  it('reports success when the snapshot write fails after the events were appended, and repairs on the next read', async () => {
    const d = await Driver.open({ people: Object.values(people), now });
    const { store, engine } = d;
    const app = await d.start('F17');
    const replace = store.applications.replaceIfVersion.bind(store.applications);
    store.applications.replaceIfVersion = async () => {
      throw new UnavailableError();
    };
    const { app: after, events } = await d.act(app._id, consent, people.caseManager);
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
    const d = await Driver.open({ now });
    const { store, engine } = d;
    const app = await d.start('F17');
    store.events.append = async () => {
      throw new UnavailableError();
    };
    await assert.rejects(d.act(app._id, consent, people.caseManager), UnavailableError);
    assert.equal((await engine.load(app._id))?.stage, 'awaiting-consent');
  });
});
