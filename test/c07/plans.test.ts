import assert from 'node:assert/strict';
import { cardRenderers } from '../../cards/registry';
import { huiPeople, huiStartInput, signedOffHui } from '../fixtures/c07';
import { isDomainError } from '../../services/errors';
import type { ValidationError } from '../../services/errors';

/**
 * C.07: "Hui are purpose-driven, to build on and maintain protective factors for a prisoner", and a
 * support planning meeting "creates a support network and a safety plan": both are recorded.
 */
const cm = huiPeople.caseManager;
const AFTER = new Date('2026-04-06T00:00:00Z');
const outcome = (extra: Record<string, unknown> = {}) => ({
  type: 'c07.recordOutcome',
  outcomeActions: 'Mere to meet Tama at the gate; case manager to confirm the programme place.',
  iomsRecorded: 'true',
  ...extra,
});
const fields = (f: () => unknown): string[] => {
  try {
    f();
    return [];
  } catch (e) {
    return isDomainError(e) ? ((e as ValidationError).fieldErrors ?? []).map((x) => x.field) : [String(e)];
  }
};

describe('C.07 protective factors and the support planning meeting’s safety plan', () => {
  it('the hui keeps the protective factors it builds on, and shows them', () => {
    const h = signedOffHui(
      huiStartInput({ protectiveFactors: 'Strong bond with his mother; stable housing offer.' }),
    );
    assert.equal(h.state.protectiveFactors, 'Strong bond with his mother; stable housing offer.');
    const c = JSON.stringify(
      cardRenderers['c07.notification']!({ app: h.app, viewer: huiPeople.director, now: h.now, params: {} }),
    );
    assert.match(c, /Protective factors: Strong bond with his mother/);
  });

  it('a support planning meeting’s outcome needs the support network and the safety plan', () => {
    const h = signedOffHui(huiStartInput({ huiKind: 'support-planning' }));
    assert.deepEqual(
      fields(() => h.run(outcome(), cm, AFTER)),
      ['supportNetwork', 'safetyPlan'],
    );
    h.run(
      outcome({
        supportNetwork: 'Mere Ngata (mother), Hemi Walker (uncle), Te Whare Hāpai Tangata',
        safetyPlan: 'No contact with the victim’s street; Hemi drives to appointments; weekly check-in.',
      }),
      cm,
      AFTER,
    );
    assert.match(h.state.outcome?.safetyPlan ?? '', /weekly check-in/);
    assert.match(h.state.outcome?.supportNetwork ?? '', /Hemi Walker/);
    const c = JSON.stringify(
      cardRenderers['c07.status']!({ app: h.app, viewer: cm, now: AFTER, params: {} }),
    );
    assert.match(c, /Safety plan/);
    assert.match(c, /weekly check-in/);
  });

  it('other kinds of hui do not need them', () => {
    const h = signedOffHui();
    h.run(outcome(), cm, AFTER);
    assert.ok(h.state.outcome);
  });
});
