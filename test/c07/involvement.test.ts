import assert from 'node:assert/strict';
import { cardRenderers } from '../../cards/registry';
import { PureHui, huiPeople } from '../fixtures/c07';
import { INVOLVEMENT_SCALE_NOTE } from '../../services/workflows/c07/model';
import { contactNoteFor } from '../../services/workflows/c07/decide';

/**
 * C.07.02: case managers are guided by the practice centre's "Levels of Pro Social Whānau
 * Involvement". Tautoko does not hold that content, so its three levels are the site's own scale
 * and say so; they never pass themselves off as the practice centre's.
 */
describe('C.07.02 levels of pro-social involvement: the site’s own scale', () => {
  const cm = huiPeople.caseManager;
  const h = new PureHui();
  h.run({ type: 'c07.recordPrisonerConsent', personId: 'sp1', prisonerConsent: 'given' }, cm);
  h.run({ type: 'c07.recordSupportConsent', personId: 'sp1', supportConsent: 'given' }, cm);

  it('the suitability card describes the levels as this site’s scale and points to the practice centre', () => {
    const c = JSON.stringify(
      cardRenderers['c07.person']!({ app: h.app, viewer: cm, now: h.now, params: { personId: 'sp1' } }),
    );
    assert.ok(c.includes(INVOLVEMENT_SCALE_NOTE));
    assert.match(c, /not the practice centre’s levels/);
    assert.match(c, /Level of pro-social involvement \(this site’s scale\)/);
  });

  it('the IOMS contact note says whose scale the level is on', () => {
    const p = h.state.supportPeople[0]!;
    assert.match(contactNoteFor(h.state, p, true, 'partial', 'Phone'), /on this site’s scale/);
  });
});
