import assert from 'node:assert/strict';
import { cardRenderers } from '../../cards/registry';
import { v01Definition } from '../../services/workflows/v01';
import type { V01State } from '../../services/workflows/v01/model';
import type { Run, Step } from '../fixtures/v01';
import { childNomination, nomination, people, runWorkflow } from '../fixtures/v01';
import { attempt, attemptStart } from './helpers';

/**
 * Rows of docs/traceability/V.01.md that named no test: what the bot does for them, shown.
 */

const child = (more: Step[] = []): Run<V01State> =>
  runWorkflow<V01State>(v01Definition, childNomination({ orangaTamarikiCare: 'true' }), people.staff, more);
const render = (name: string, r: Run<V01State>) =>
  JSON.stringify(
    cardRenderers[name]!({ app: r.app, viewer: people.staff, now: r.now, params: {}, history: r.history }),
  );
const inCare: Step = [
  people.staff,
  {
    type: 'v01.recordOrangaTamarikiCheck',
    inCare: 'yes',
    socialWorkerName: 'Tama Rewi',
    socialWorkerEmail: 'tama.rewi@ot.govt.nz',
  },
];

describe('V.01 traceability rows shown by tests', () => {
  it('criteria 1.2–1.4: no application is made for statutory visitors, legal counsel or agencies', () => {
    for (const visitorType of ['statutory', 'legal-counsel', 'government-agency'])
      assert.equal(attemptStart(v01Definition, nomination({ visitorType }), people.staff), 'VALIDATION');
  });

  it('V.01.04.2.1.3: the checklist tells staff the child visits team confirms with the OT National Contact Centre', () => {
    assert.match(
      render('v01.checklist', child()),
      /confirms with the Oranga Tamariki National Contact Centre/,
    );
  });

  it('V.01.04.2.1.5: the forms go to the social worker as V.01.Form.01.14 by secure email', () => {
    assert.match(
      render('v01.checklist', child([inCare])),
      /Tama Rewi <tama\.rewi@ot\.govt\.nz> \(V\.01\.Form\.01\.14 by secure email\)/,
    );
  });

  it('V.01.04.2.1.6: the application returned by secure email is recorded so', () => {
    const sent = child([
      inCare,
      [people.staff, { type: 'v01.recordFormsSent', sentTo: 'Tama Rewi', method: 'secure-email' }],
    ]);
    assert.equal(
      attempt(v01Definition, sent, people.staff, {
        type: 'v01.recordApplicationReceived',
        method: 'secure-email',
      }),
      'v01.applicationReceived',
    );
  });
});
