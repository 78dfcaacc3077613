import { countdown } from '../../cards/common';
import assert from 'node:assert/strict';
import { isMinorOn, reviewDeadline } from '../../services/policy/v01';
import { prohibitionEnds } from '../../services/workflows/prohibition/expiry';
import { isProhibitionInForce } from '../../services/workflows/prohibition/model';
import { nzDaysLeft } from '../../services/time';
import { orderAt } from '../fixtures/v01';

/**
 * New Zealand daylight saving in 2026 ends at 03:00 NZDT on Sunday 5 April (clocks go back to
 * 02:00 NZST, UTC+12) and starts at 02:00 NZST on Sunday 27 September (clocks go forward to
 * 03:00 NZDT, UTC+13). Expiry days and 21-day deadlines are counted in NZ calendar days.
 */
describe('V.01 dates across New Zealand daylight-saving changes', () => {
  const ends: Array<[string, string]> = [
    ['2026-04-04', '2026-04-04T10:59:59.999Z'], // NZDT, UTC+13
    ['2026-04-05', '2026-04-05T11:59:59.999Z'], // the day DST ends: 25 hours long, closes at UTC+12
    ['2026-09-26', '2026-09-26T11:59:59.999Z'], // NZST, UTC+12
    ['2026-09-27', '2026-09-27T10:59:59.999Z'], // the day DST starts: 23 hours long, closes at UTC+13
    ['2026-12-31', '2026-12-31T10:59:59.999Z'],
  ];
  for (const [day, iso] of ends) {
    it(`an order expiring on ${day} is in force until ${iso}`, () =>
      assert.equal(prohibitionEnds(day).toISOString(), iso));
  }

  it('an order expiring 5 April 2026 is in force to the last millisecond of that NZ day, and not after', () => {
    const r = orderAt([], { expiresOn: '2026-04-05' });
    const end = new Date('2026-04-05T11:59:59.999Z');
    assert.equal(isProhibitionInForce(r.app.state, end), true);
    assert.equal(isProhibitionInForce(r.app.state, new Date(end.getTime() + 1)), false);
    // 23:30 NZST on 5 April is still the expiry day (it would be 6 April under the summer offset).
    assert.equal(isProhibitionInForce(r.app.state, new Date('2026-04-05T11:30:00Z')), true);
  });

  it('an order expiring 27 September 2026 ends an hour earlier in UTC because the clocks went forward', () => {
    const r = orderAt([], { expiresOn: '2026-09-27' });
    assert.equal(isProhibitionInForce(r.app.state, new Date('2026-09-27T10:59:59.999Z')), true);
    assert.equal(isProhibitionInForce(r.app.state, new Date('2026-09-27T11:00:00.000Z')), false);
  });

  it('an order is not in force before it was signed', () => {
    const r = orderAt();
    assert.equal(
      isProhibitionInForce(r.app.state, new Date(new Date(r.app.state.order!.signed.at).getTime() - 1)),
      false,
    );
  });

  const deadlines: Array<[string, string, string]> = [
    ['2026-03-20', '2026-04-10T11:59:59.999Z', 'received in NZDT, due after DST ends'],
    ['2026-04-05', '2026-04-26T11:59:59.999Z', 'received on the day DST ends'],
    ['2026-09-10', '2026-10-01T10:59:59.999Z', 'received in NZST, due after DST starts'],
    ['2026-09-27', '2026-10-18T10:59:59.999Z', 'received on the day DST starts'],
  ];
  for (const [received, due, why] of deadlines) {
    it(`a review received ${received} is due at the close of the 21st NZ day (${why})`, () =>
      assert.equal(reviewDeadline(received).toISOString(), due));
  }

  it('counts down whole NZ days across the change', () => {
    const due = reviewDeadline('2026-03-20');
    assert.equal(nzDaysLeft(new Date('2026-03-19T23:00:00Z'), due), 21); // 20 March 12:00 NZDT
    assert.equal(nzDaysLeft(new Date('2026-04-05T12:30:00Z'), due), 4); // 6 April 00:30 NZST
    assert.equal(countdown(new Date('2026-04-10T11:00:00Z'), due).text.startsWith('Due today'), true);
    assert.equal(countdown(new Date('2026-04-10T12:00:00Z'), due).text.startsWith('Overdue by 1 day'), true);
    assert.equal(countdown(new Date('2026-04-01T00:00:00Z'), due).tone, 'good');
    assert.equal(countdown(new Date('2026-04-07T00:00:00Z'), due).tone, 'warning');
  });

  it('a child turns 18 on their birthday in NZ; a 29 February birthday turns on 1 March', () => {
    assert.equal(isMinorOn('2008-04-05', '2026-04-04'), true);
    assert.equal(isMinorOn('2008-04-05', '2026-04-05'), false);
    assert.equal(isMinorOn('2008-02-29', '2026-02-28'), true);
    assert.equal(isMinorOn('2008-02-29', '2026-03-01'), false);
  });
});
