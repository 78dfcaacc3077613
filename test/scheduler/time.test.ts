import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDays,
  daysFromTo,
  endOfNzDay,
  formatNz,
  isoWeekday,
  nzAt,
  nzDateOf,
  nzDaysLeft,
  nzDeadline,
  nzLocalToUtc,
  nzYear,
  NZ_ZONE,
} from '../../services/time';
import * as luxon from '../helpers/luxonTime';

/**
 * services/time.ts works from Intl's time-zone data with Date arithmetic (Luxon cost about 12% of
 * the bot's CPU). Its answers are checked against the Luxon implementation it replaced, over
 * instants from 1990 to 2100 and around every daylight-saving change, and at the changes by hand.
 */
const instant = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((ms) => new Date(ms));

/** Instants within three hours of a New Zealand clock change (14:00 UTC on a Saturday, April or September). */
const nearChange = fc
  .record({
    year: fc.integer({ min: 2008, max: 2060 }),
    autumn: fc.boolean(),
    day: fc.integer({ min: 1, max: 30 }),
    minutes: fc.integer({ min: -180, max: 180 }),
  })
  .map(({ year, autumn, day, minutes }) => new Date(Date.UTC(year, autumn ? 3 : 8, day, 14, minutes)));

const dateString = (d: Date) => d.toISOString().slice(0, 10);

describe('New Zealand time without Luxon (services/time.ts)', () => {
  it('formats, dates, years and days-left as Luxon did, for any instant and near every clock change', () => {
    for (const arb of [instant, nearChange])
      fc.assert(
        fc.property(arb, arb, (a, b) => {
          assert.equal(formatNz(a), luxon.formatNz(a));
          assert.equal(formatNz(a, false), luxon.formatNz(a, false));
          assert.equal(nzDateOf(a), luxon.nzDateOf(a));
          assert.equal(nzYear(a), luxon.nzYear(a));
          assert.equal(nzDaysLeft(a, b), luxon.nzDaysLeft(a, b));
        }),
        { numRuns: 800 },
      );
  });

  it('counts deadlines and the close of a day as Luxon did', () => {
    fc.assert(
      fc.property(fc.oneof(instant, nearChange), fc.integer({ min: 0, max: 400 }), (from, days) => {
        assert.equal(nzDeadline(from, days).getTime(), luxon.nzDeadline(from, days).getTime());
        const day = dateString(from);
        assert.equal(endOfNzDay(day)!.getTime(), luxon.endOfNzDay(day)!.getTime());
      }),
      { numRuns: 800 },
    );
  });

  it('turns a local date and time into the same instant as Luxon, refusing the same impossible ones', () => {
    const local = fc.record({
      date: fc.oneof(instant, nearChange).map(dateString),
      time: fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    });
    fc.assert(
      fc.property(local, ({ date, time }) => {
        const mine = nzLocalToUtc(date, time);
        const theirs = luxon.nzLocalToUtc(date, time);
        // In the autumn overlap Luxon's answer depended on the day it ran; see the case below.
        if (
          mine &&
          theirs &&
          nzDateOf(mine) === date &&
          Math.abs(mine.getTime() - theirs.getTime()) === 3_600_000
        )
          return;
        assert.equal(mine?.getTime(), theirs?.getTime(), `${date} ${time}`);
      }),
      { numRuns: 1500 },
    );
  });

  it('does the working-day calendar’s date arithmetic as Luxon did (weekday, days apart, a time on a date)', () => {
    fc.assert(
      fc.property(
        fc.oneof(instant, nearChange).map(dateString),
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (date, days, hour, minute) => {
          const d = DateTime.fromISO(date, { zone: NZ_ZONE });
          assert.equal(isoWeekday(date), d.weekday);
          assert.equal(addDays(date, days), d.plus({ days }).toFormat('yyyy-MM-dd'));
          assert.equal(daysFromTo(date, addDays(date, days)), days);
          const luxonAt = d.set({ hour, minute, second: 0, millisecond: 0 }).toUTC().toJSDate();
          const mine = nzAt(date, hour, minute);
          // In the autumn overlap Luxon's answer depended on the day it ran (earlier taken here).
          if (Math.abs(mine.getTime() - luxonAt.getTime()) === 3_600_000 && nzDateOf(mine) === date) return;
          assert.equal(mine.getTime(), luxonAt.getTime(), `${date} ${hour}:${minute}`);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('at the 2026 changes: 02:30 on 27 September does not exist; 02:30 on 5 April is the earlier (NZDT) one', () => {
    assert.equal(nzLocalToUtc('2026-09-27', '02:30'), undefined);
    assert.equal(nzLocalToUtc('2026-09-27', '03:00')!.toISOString(), '2026-09-26T14:00:00.000Z');
    assert.equal(nzLocalToUtc('2026-09-27', '01:59')!.toISOString(), '2026-09-26T13:59:00.000Z');
    assert.equal(nzLocalToUtc('2026-04-05', '02:30')!.toISOString(), '2026-04-04T13:30:00.000Z');
    assert.equal(nzLocalToUtc('2026-04-05', '03:00')!.toISOString(), '2026-04-04T15:00:00.000Z');
    assert.equal(formatNz(new Date('2026-04-04T13:30:00Z')), 'Sun 5 Apr 2026, 2:30 AM');
    assert.equal(formatNz(new Date('2026-04-04T14:30:00Z')), 'Sun 5 Apr 2026, 2:30 AM');
    assert.equal(endOfNzDay('2026-04-05')!.toISOString(), '2026-04-05T11:59:59.999Z');
    assert.equal(endOfNzDay('2026-09-27')!.toISOString(), '2026-09-27T10:59:59.999Z');
  });

  it('refuses what is not a calendar date or a 24-hour time', () => {
    for (const [date, time] of [
      ['2026-02-30', '10:00'],
      ['2026-13-01', '10:00'],
      ['26-01-01', '10:00'],
      ['2026-01-01', '24:00'],
      ['2026-01-01', '9:00'],
      ['2026-01-01', '10:60'],
    ] as const)
      assert.equal(nzLocalToUtc(date, time), undefined, `${date} ${time}`);
    assert.equal(endOfNzDay('2026-02-29'), undefined);
    assert.equal(endOfNzDay('2026-04'), undefined);
  });
});
