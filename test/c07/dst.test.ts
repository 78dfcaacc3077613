import { strict as assert } from 'node:assert';
import { PureHui, huiPeople, huiStartInput, signedOffHui } from '../fixtures/c07';
import { c07Cards } from '../../cards/c07';
import type { AdaptiveCard } from '../../cards/types';

const { caseManager: cm, caseOfficer } = huiPeople;

function cardText(card: AdaptiveCard): string {
  return JSON.stringify(card);
}

/**
 * New Zealand daylight saving in 2026 ends on Sunday 5 April (03:00 NZDT becomes 02:00 NZST) and
 * starts on Sunday 27 September (02:00 NZST becomes 03:00 NZDT). A hui set for 10:00 on either day
 * is at 10:00 on the clock on the wall, so its UTC instant uses that day's offset.
 */
const CASES = [
  { date: '2026-04-05', utc: '2026-04-04T22:00:00.000Z', offset: 'NZST, UTC+12' },
  { date: '2026-09-27', utc: '2026-09-26T21:00:00.000Z', offset: 'NZDT, UTC+13' },
  { date: '2026-04-04', utc: '2026-04-03T21:00:00.000Z', offset: 'NZDT, UTC+13, the day before' },
  { date: '2026-09-26', utc: '2026-09-25T22:00:00.000Z', offset: 'NZST, UTC+12, the day before' },
];

describe('C.07 support hui: daylight saving', () => {
  for (const c of CASES) {
    it(`a hui at 10:00 on ${c.date} is stored as ${c.utc} (${c.offset}) and shown as 10:00`, () => {
      const h = signedOffHui(huiStartInput({ date: c.date, time: '10:00', durationMinutes: '90' }));
      assert.equal(h.state.schedule?.startsAt, c.utc);
      assert.equal(h.state.schedule?.time, '10:00');
      const post = cardText(
        c07Cards['c07.entrypost']!({ app: h.app, viewer: caseOfficer, now: h.now, params: {} }),
      );
      assert.match(post, /10:00 AM – 11:30 AM \(1 h 30 min\)/);
      const status = cardText(c07Cards['c07.status']!({ app: h.app, viewer: cm, now: h.now, params: {} }));
      assert.match(status, /10:00 AM/);
    });
  }

  it('the outcome task opens at the end of a hui on the day daylight saving ends, in real elapsed time', () => {
    // 01:30 to 03:30 NZDT on 5 April: the clocks go back at 03:00, so the hui lasts two real hours.
    const h = signedOffHui(huiStartInput({ date: '2026-04-05', time: '01:30', durationMinutes: '120' }));
    const startsAt = new Date(h.state.schedule!.startsAt);
    const task = h.app.openTasks.find((t) => t.key === 'c07:outcome');
    assert.equal(task?.availableFrom?.getTime(), startsAt.getTime() + 120 * 60_000);
  });

  it('refuses 02:30 on the day the clocks go forward, beside the time input', () => {
    assert.throws(
      () => new PureHui(huiStartInput({ date: '2026-09-27', time: '02:30' })),
      (e: unknown) =>
        e instanceof Error &&
        'fieldErrors' in e &&
        JSON.stringify((e as { fieldErrors: unknown }).fieldErrors).includes('"field":"time"'),
    );
  });

  it('rescheduling across the change keeps 10:00 local', () => {
    const h = signedOffHui(huiStartInput({ date: '2026-04-04', time: '10:00' }));
    h.run(
      {
        type: 'c07.reschedule',
        newDate: '2026-04-05',
        newTime: '10:00',
        newDuration: '90',
        rescheduleReason: 'Room clash.',
      },
      cm,
    );
    assert.equal(h.state.schedule?.startsAt, '2026-04-04T22:00:00.000Z');
    assert.equal(h.state.reschedules[0]?.from.startsAt, '2026-04-03T21:00:00.000Z');
    assert.equal(h.stage, 'awaiting-sign-off');
  });
});
