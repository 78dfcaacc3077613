import { orderText } from '../../services/workflows/prohibition/letters';
import assert from 'node:assert/strict';
import { cardRenderers } from '../../cards/registry';
import { orderAt, people } from '../fixtures/v01';

/** V.01.08.3.2: the copy a prisoner is given carries no visitor's or guardian's address. */
describe('V.01.08.3 the prisoner’s copy of a prohibition order', () => {
  const adult = orderAt();
  const child = orderAt([], {
    visitorDob: '2012-01-01',
    guardianName: 'Lisa Smith',
    guardianAddress: '77 Guardian Lane, Lower Hutt',
  });

  it('the visitor’s order is addressed to them (or the guardian of a child)', () => {
    assert.match(orderText(adult.app, 'visitor'), /9 Main Road, Wainuiomata/);
    assert.match(orderText(child.app, 'visitor'), /Lisa Smith, guardian of Carl Smith, 77 Guardian Lane/);
  });

  it('the prisoner’s copy has no address, and no guardian, and still names the prisoners', () => {
    for (const r of [adult, child]) {
      const copy = orderText(r.app, 'prisoner');
      assert.doesNotMatch(copy, /Main Road|Wainuiomata|Guardian Lane|Lisa Smith/);
      assert.match(copy, /Rawiri Henare \(P1234567\)/);
      assert.match(copy, /Copy for the prisoner/);
    }
  });

  it('the order card shows the prisoner’s copy without the address', () => {
    const c = cardRenderers['v01p.order']!({
      app: child.app,
      viewer: people.staff,
      now: child.now,
      params: {},
    });
    const blocks: string[] = [];
    JSON.stringify(c, (_k, v: unknown) => {
      if (typeof v === 'string' && v.includes('Copy for the prisoner')) blocks.push(v);
      return v;
    });
    assert.equal(blocks.length, 1, 'the card has the prisoner’s copy');
    assert.doesNotMatch(blocks[0]!, /Guardian Lane|Main Road|Lisa Smith/);
    assert.match(JSON.stringify(c), /Prisoner’s copy \(no address\)/);
  });
});
