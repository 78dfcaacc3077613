import { GROUNDS } from '../../services/policy/v01';
import assert from 'node:assert/strict';
import { adultAt, people } from '../fixtures/v01';
import { v01NoticeText } from '../../services/workflows/v01/letters';

/**
 * V.01.06.6: a private visitor's decline letter states reasons that "relate to one or more of the
 * factors listed under V.01.03 (2 or 3)". Grounds under V.01.03.5 and .6 are recorded on the
 * decision but not stated in the letter (the reading chosen in docs/traceability/V.01.md).
 */
const declined = (grounds: string, overrides: Record<string, unknown> = {}) =>
  adultAt(
    [[people.rmm, { type: 'v01.decide', outcome: 'declined', grounds, rationale: 'Internal reasons.' }]],
    overrides,
  );

describe('V.01.06.6 what a decline letter states', () => {
  it('states the V.01.03.2–3 grounds and not the V.01.03.5 ones, saying other matters were considered', () => {
    const r = declined('information-false,security-good-order');
    for (const key of ['decision-visitor', 'decision-prisoner']) {
      const letter = v01NoticeText(r.app, key);
      assert.ok(letter.includes(GROUNDS['information-false'].notice), key);
      assert.ok(!letter.includes(GROUNDS['security-good-order'].notice), key);
      assert.match(letter, /Other matters under V\.01\.03 were also considered/, key);
    }
  });

  it('a decline resting only on V.01.03.5 grounds says its reasons cannot be stated, and how to seek a review', () => {
    const letter = v01NoticeText(declined('prisoner-welfare,person-safety').app, 'decision-visitor');
    assert.ok(!letter.includes(GROUNDS['prisoner-welfare'].notice));
    assert.ok(!letter.includes(GROUNDS['person-safety'].notice));
    assert.match(letter, /cannot be stated in this letter/);
    assert.match(letter, /V\.01\.Form\.01\.16/);
  });

  it('a specified visitor’s decline states its reasons (V.01.11.2)', () => {
    const letter = v01NoticeText(
      declined('security-good-order', { visitorType: 'specified' }).app,
      'decision-visitor',
    );
    assert.ok(letter.includes(GROUNDS['security-good-order'].notice));
  });
});
