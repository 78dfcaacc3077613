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

  it('the outcome card asks for both: required for a support planning meeting, optional for another hui', () => {
    const inputs = (kind: string) => {
      const h = signedOffHui(huiStartInput({ huiKind: kind }));
      const c = cardRenderers['c07.outcome']!({ app: h.app, viewer: cm, now: AFTER, params: {} });
      const found: Array<{ id: string; isRequired?: boolean; label?: string }> = [];
      JSON.stringify(c, (_k, v: unknown) => {
        const el = v as { type?: string; id?: string };
        if (el && el.type === 'Input.Text' && (el.id === 'supportNetwork' || el.id === 'safetyPlan'))
          found.push(v as { id: string; isRequired?: boolean; label?: string });
        return v;
      });
      return found.map((f) => [f.id, f.isRequired]);
    };
    assert.deepEqual(inputs('support-planning'), [
      ['supportNetwork', true],
      ['safetyPlan', true],
    ]);
    assert.deepEqual(inputs('whanau-hui'), [
      ['supportNetwork', false],
      ['safetyPlan', false],
    ]);
  });

  it('another kind of hui may record a safety plan, kept and shown with the outcome', () => {
    const h = signedOffHui();
    h.run(
      outcome({ safetyPlan: 'Case manager present throughout; no alcohol at the whānau home visit.' }),
      cm,
      AFTER,
    );
    assert.match(h.state.outcome?.safetyPlan ?? '', /Case manager present throughout/);
    const c = JSON.stringify(
      cardRenderers['c07.status']!({ app: h.app, viewer: cm, now: AFTER, params: {} }),
    );
    assert.match(c, /Safety plan: Case manager present throughout/);
  });
});
