import assert from 'node:assert/strict';
import { cardRenderers } from '../../cards/registry';
import { F17Fixture, decisionInput, fixtures, people } from '../fixtures/f17';
import { isDomainError } from '../../services/errors';
import { NO_RECORDS } from '../../services/workflow/records';
import { f17Definition } from '../../services/workflows/f17/definition';
import { buildDisclosure } from '../../services/workflows/f17/disclosure';
import type { F17State } from '../../services/workflows/f17/model';
import type { ApplicationDoc } from '../../services/workflow/domain';

/**
 * F.17.05: a disclosure releases only the reasons the general manager custodial recorded to be
 * released; the internal consideration and reasons (which may draw on intelligence) never.
 */
const INTERNAL = 'INTERNAL-REASON-4Z: intelligence reports a debt with an enrolled learner';
const CONSIDERATION = 'CONSIDERATION-8P weighed against the review';
const RELEASABLE = 'You have shown strong motivation and good conduct in the unit.';

const decidedWith = (extra: Record<string, unknown>) => {
  const f = F17Fixture.start().consent().requiredSections().reviewed();
  f.run(people.gm, {
    type: 'f17.decide',
    outcome: 'declined',
    consideration: CONSIDERATION,
    reasons: INTERNAL,
    ...extra,
  });
  return f;
};

describe('F.17.05 disclosure: only the releasable reasons', () => {
  it('releases the reasons recorded for release, never the internal consideration or reasons', () => {
    const f = decidedWith({ releasableReasons: RELEASABLE, releasableChecked: 'true' });
    const d = buildDisclosure(f.app);
    const all = JSON.stringify(d);
    assert.equal(d.reasons, RELEASABLE);
    assert.ok(!all.includes('INTERNAL-REASON-4Z'), 'internal reasons withheld');
    assert.ok(!all.includes('CONSIDERATION-8P'), 'internal consideration withheld');
    for (const viewer of [people.caseManager, people.gm]) {
      const c = JSON.stringify(
        cardRenderers['f17.disclosure']!({ app: f.app, viewer, now: f.now, params: {} }),
      );
      assert.ok(c.includes(RELEASABLE), viewer.name);
      assert.ok(!c.includes('INTERNAL-REASON-4Z') && !c.includes('CONSIDERATION-8P'), viewer.name);
    }
    assert.match(
      d.withheld.map((w) => w.what).join(' | '),
      /internal consideration and reasons/,
      'what was withheld is stated',
    );
  });

  it('a decision recorded with one combined text has it withheld, with a statement saying so', () => {
    const f = fixtures.awaitingDecision();
    const legacy: ApplicationDoc<F17State> = {
      ...f.app,
      state: f17Definition.evolve(f.app.state, {
        type: 'f17.decided',
        payload: { outcome: 'approved', consideration: CONSIDERATION, reasons: INTERNAL },
        actor: { aadObjectId: people.gm.aadObjectId, name: people.gm.name },
        at: f.now,
        seq: f.app.version + 1,
      }),
    };
    const d = buildDisclosure(legacy);
    const all = JSON.stringify(d);
    assert.equal(d.outcome, 'approved');
    assert.equal(d.reasons, undefined);
    assert.ok(!all.includes('INTERNAL-REASON-4Z') && !all.includes('CONSIDERATION-8P'));
    assert.match(d.statement, /recorded before releasable reasons were kept separately/);
  });

  it('the decision needs the releasable reasons and the confirmation that they hold no intelligence', () => {
    const f = F17Fixture.start().consent().requiredSections().reviewed();
    const kind = (command: Record<string, unknown>) => {
      const parsed = f17Definition.commandSchema.safeParse(command);
      if (!parsed.success) return 'VALIDATION';
      try {
        f17Definition.decide(f.app, parsed.data, { actor: people.gm, now: f.now, records: NO_RECORDS });
        return 'ok';
      } catch (e) {
        return isDomainError(e) ? e.kind : 'error';
      }
    };
    const base = { type: 'f17.decide', outcome: 'approved', consideration: 'c', reasons: 'r' };
    assert.equal(kind(base), 'VALIDATION');
    assert.equal(kind({ ...base, releasableReasons: RELEASABLE }), 'VALIDATION');
    assert.equal(kind({ ...base, releasableReasons: RELEASABLE, releasableChecked: 'true' }), 'ok');
    assert.equal(kind({ type: 'f17.decide', outcome: 'approved', ...decisionInput }), 'ok');
  });

  it('the decision card says which text is internal and which is released, and warns', () => {
    const f = fixtures.awaitingDecision();
    const c = JSON.stringify(
      cardRenderers['f17.decision']!({ app: f.app, viewer: people.gm, now: f.now, params: {} }),
    );
    assert.match(c, /Internal: your consideration and opinion \(not released\)/);
    assert.match(c, /Internal: reasons for the decision \(may draw on intelligence; not released\)/);
    assert.match(c, /Reasons that may be released to the prisoner/);
    assert.match(c, /must not contain intelligence or non-association information/);
  });
});
