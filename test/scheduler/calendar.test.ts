import assert from 'node:assert/strict';
import { WorkingCalendar } from '../../services/scheduler/calendar';
import type { Role } from '../../services/directory/roles';
import { DueDates } from '../../services/scheduler/dueDates';
import { escalationFor } from '../../services/scheduler/escalation';
import {
  DEFAULT_DEADLINE_SETTINGS,
  parseTermDaysBySite,
  parseWorkingHours,
} from '../../services/scheduler/settings';
import type { DeadlineSettings } from '../../services/scheduler/settings';
import { stepDue, stepsFor } from '../../services/scheduler/steps';
import type { Task } from '../../services/workflow/domain';

const settings: DeadlineSettings = {
  ...DEFAULT_DEADLINE_SETTINGS,
  calendar: {
    ...DEFAULT_DEADLINE_SETTINGS.calendar,
    siteRegions: { Arohata: 'WGN', 'Auckland South': 'AUK' },
  },
  dueWorkingDaysBySite: { Rimutaka: { input: 7 } },
};
const cal = new WorkingCalendar(settings.calendar);
const due = new DueDates(settings);
/** A New Zealand local time as an instant. */
const nz = (local: string) => new Date(new Date(`${local}Z`).getTime() - offsetOf(local) * 3600_000);
function offsetOf(local: string): number {
  // NZDT (+13) from the last Sunday of September to the first Sunday of April, else NZST (+12).
  const probe = new Date(`${local}Z`);
  const s = new Intl.DateTimeFormat('en-NZ', { timeZone: 'Pacific/Auckland', timeZoneName: 'short' })
    .formatToParts(new Date(probe.getTime() - 12 * 3600_000))
    .find((p) => p.type === 'timeZoneName')!.value;
  return s === 'NZDT' ? 13 : 12;
}
const task = (over: Partial<Task> = {}): Task => ({
  key: 't',
  label: 'A section',
  roles: ['case-officer'],
  site: 'Arohata',
  ...over,
});

describe('deadlines: working days in New Zealand (pure)', () => {
  const rows: Array<[string, string, string, boolean, string?]> = [
    ['a Wednesday', '2026-03-04', 'Arohata', true],
    ['a Saturday', '2026-03-07', 'Arohata', false],
    ['a Sunday', '2026-03-08', 'Arohata', false],
    ['Waitangi Day', '2026-02-06', 'Arohata', false, 'Waitangi Day'],
    [
      'Wellington anniversary at a Wellington site',
      '2026-01-19',
      'Arohata',
      false,
      'Provincial anniversary day',
    ],
    ['Wellington anniversary at an Auckland site', '2026-01-19', 'Auckland South', true],
    ['Auckland anniversary at an Auckland site', '2026-01-26', 'Auckland South', false],
    ['Auckland anniversary at a Wellington site', '2026-01-26', 'Arohata', true],
    ['ANZAC Day on a Saturday is Mondayised', '2026-04-27', 'Arohata', false, 'ANZAC Day (substitute day)'],
    ['Matariki 2026', '2026-07-10', 'Arohata', false, 'Matariki'],
    ['the day daylight saving ends (Sunday)', '2026-04-05', 'Arohata', false],
    ['the Monday after daylight saving starts', '2026-09-28', 'Arohata', true],
  ];
  for (const [name, date, site, working, holiday] of rows)
    it(`${name}: ${date} is ${working ? '' : 'not '}a working day`, () => {
      assert.equal(cal.isWorkingDay(date, site), working);
      if (holiday) assert.equal(cal.holidayOn(date, site), holiday);
    });

  const adds: Array<[string, string, number, string, string]> = [
    ['5 days from a Monday', '2026-03-02T10:00', 5, 'Arohata', '2026-03-09T17:00'],
    ['5 days from a Saturday: Monday is the first', '2026-03-07T11:00', 5, 'Arohata', '2026-03-13T17:00'],
    ['over Easter (Good Friday, Easter Monday)', '2026-04-01T09:00', 3, 'Arohata', '2026-04-08T17:00'],
    ['across the end of daylight saving', '2026-04-02T09:00', 1, 'Arohata', '2026-04-07T17:00'],
    ['across the start of daylight saving', '2026-09-25T16:00', 1, 'Arohata', '2026-09-28T17:00'],
    ['over Wellington anniversary', '2026-01-16T09:00', 1, 'Arohata', '2026-01-20T17:00'],
    [
      'the same from Auckland, whose anniversary is later',
      '2026-01-16T09:00',
      1,
      'Auckland South',
      '2026-01-19T17:00',
    ],
    ['over Christmas and the Boxing Day substitute', '2026-12-24T09:00', 2, 'Arohata', '2026-12-30T17:00'],
  ];
  for (const [name, from, n, site, expected] of adds)
    it(`${name}: ${from} + ${n} working days → ${expected} (NZ)`, () =>
      assert.equal(cal.addWorkingDays(nz(from), n, site).toISOString(), nz(expected).toISOString()));

  it('holds anything outside working hours until the next working morning', () => {
    assert.equal(
      cal.nextWorkingTime(nz('2026-03-06T16:59'), 'Arohata').toISOString(),
      nz('2026-03-06T16:59').toISOString(),
    );
    assert.equal(
      cal.nextWorkingTime(nz('2026-03-06T17:00'), 'Arohata').toISOString(),
      nz('2026-03-09T08:30').toISOString(),
    );
    assert.equal(
      cal.nextWorkingTime(nz('2026-03-09T06:00'), 'Arohata').toISOString(),
      nz('2026-03-09T08:30').toISOString(),
    );
    assert.equal(
      cal.nextWorkingTime(nz('2026-04-03T10:00'), 'Arohata').toISOString(),
      nz('2026-04-07T08:30').toISOString(),
    );
    // The morning daylight saving ends: 08:30 NZST is 20:30 UTC the day before.
    assert.equal(cal.opening('2026-04-06').toISOString(), '2026-04-05T20:30:00.000Z');
    assert.equal(cal.opening('2026-09-28').toISOString(), '2026-09-27T19:30:00.000Z');
  });

  it('puts a due date on a task from its term and the site, and keeps it while the task stays open', () => {
    const opened = nz('2026-03-02T10:00');
    assert.equal(due.dueFor(task(), opened, 'Arohata').toISOString(), nz('2026-03-09T17:00').toISOString());
    assert.equal(
      due.dueFor(task({ term: 'decision' }), opened, 'Arohata').toISOString(),
      nz('2026-03-05T17:00').toISOString(),
    );
    assert.equal(
      due.dueFor(task({ term: 'followUp' }), opened, 'Arohata').toISOString(),
      nz('2026-03-04T17:00').toISOString(),
    );
    assert.equal(
      due.dueFor(task({ site: 'Rimutaka' }), opened, 'Rimutaka').toISOString(),
      nz('2026-03-11T17:00').toISOString(),
    );
    const later = nz('2026-03-04T12:00');
    const [kept, fresh] = due.stamp(
      [{ ...task(), openedAt: opened, dueAt: due.dueFor(task(), opened, 'Arohata') }],
      [task(), task({ key: 'u' })],
      later,
      'Arohata',
    );
    assert.equal(kept!.openedAt!.toISOString(), opened.toISOString());
    assert.equal(kept!.dueAt!.toISOString(), nz('2026-03-09T17:00').toISOString());
    assert.equal(fresh!.openedAt!.toISOString(), later.toISOString());
    assert.equal(fresh!.dueAt!.toISOString(), nz('2026-03-11T17:00').toISOString());
    const policy = new Date('2026-03-24T10:59:59.999Z');
    assert.equal(
      due.stamp([], [task({ term: 'policy', dueAt: policy })], later, 'Arohata')[0]!.dueAt,
      policy,
    );
    // A hui's outcome task counts from the end of the hui, not from when it was planned.
    const hui = due.stamp(
      [],
      [task({ term: 'followUp', availableFrom: nz('2026-03-12T15:00') })],
      later,
      'Arohata',
    )[0]!;
    assert.equal(hui.dueAt!.toISOString(), nz('2026-03-16T17:00').toISOString());
  });

  it('steps: reminder a working day before, overdue the working day after, escalation two later', () => {
    const t = { ...task(), openedAt: nz('2026-03-02T10:00'), dueAt: nz('2026-03-09T17:00') };
    const steps = stepsFor(t, 'Arohata', cal, settings).map((s) => [
      s.name,
      s.audience,
      s.fireAt.toISOString(),
    ]);
    assert.deepEqual(steps, [
      ['reminder', 'doers', nz('2026-03-06T08:30').toISOString()],
      ['overdue', 'doers', nz('2026-03-10T08:30').toISOString()],
      ['escalation', 'managers', nz('2026-03-12T08:30').toISOString()],
    ]);
    const reminder = stepsFor(t, 'Arohata', cal, settings)[0]!;
    assert.equal(stepDue(reminder, nz('2026-03-06T08:29'), cal, 'Arohata'), false);
    assert.equal(stepDue(reminder, nz('2026-03-06T08:30'), cal, 'Arohata'), true);
    assert.equal(stepDue(reminder, nz('2026-03-06T17:30'), cal, 'Arohata'), false, 'not in the evening');
    assert.equal(stepDue(reminder, nz('2026-03-09T17:00'), cal, 'Arohata'), false, 'not once it is due');
  });

  it('steps: a 21-day policy deadline is escalated with 7 and 2 days left, moved earlier off a weekend', () => {
    // Received Tue 3 Mar: due at the close of Tue 24 Mar (V.01.07.6).
    const t = task({
      term: 'policy',
      roles: ['review-officer'],
      site: '*',
      openedAt: nz('2026-03-03T09:00'),
      dueAt: new Date('2026-03-24T10:59:59.999Z'),
    });
    const steps = stepsFor(t, '*', cal, settings).map((s) => [s.name, s.audience, s.fireAt.toISOString()]);
    assert.deepEqual(steps, [
      ['reminder', 'doers', nz('2026-03-23T08:30').toISOString()],
      ['left-7', 'managers', nz('2026-03-17T08:30').toISOString()],
      ['left-2', 'managers', nz('2026-03-20T08:30').toISOString()], // Sun 22 → Fri 20
      ['overdue', 'doers', nz('2026-03-25T08:30').toISOString()],
      ['escalation', 'managers', nz('2026-03-27T08:30').toISOString()],
    ]);
  });

  it('parses the settings as .env.example writes them, and refuses nonsense', () => {
    assert.deepEqual(parseWorkingHours('08:30-17:00'), {
      workStart: { hour: 8, minute: 30 },
      workEnd: { hour: 17, minute: 0 },
    });
    assert.throws(() => parseWorkingHours('17:00-08:30'));
    assert.deepEqual(parseTermDaysBySite('Site-B:input=7,decision=4;Site-C:followUp=1'), {
      'Site-B': { input: 7, decision: 4 },
      'Site-C': { followUp: 1 },
    });
    assert.throws(() => parseTermDaysBySite('Site-B:review=7'));
  });
});

describe('deadlines: whom a late task is escalated to', () => {
  const rows: Array<[string, Role[], string, string]> = [
    [
      'a section (case manager or principal case manager)',
      ['case-manager', 'principal-case-manager'],
      'Arohata',
      'custodial-systems-manager@Arohata',
    ],
    ['the intelligence section', ['intelligence'], 'Arohata', 'custodial-systems-manager@Arohata'],
    [
      'the F.17 review (custodial systems or security manager)',
      ['custodial-systems-manager', 'security-manager'],
      'Arohata',
      'general-manager-custodial@Arohata',
    ],
    ['the general manager’s decision', ['general-manager-custodial'], 'Arohata', 'prison-director@Arohata'],
    [
      'staff or the general manager: the most senior decides',
      ['entry-staff', 'general-manager-custodial'],
      'Arohata',
      'prison-director@Arohata',
    ],
    ['the prison director', ['prison-director'], 'Arohata', 'admin@*'],
    ['the review officer (all sites)', ['review-officer'], '*', 'admin@*'],
    ['the Chief Inspector (all sites)', ['chief-inspector'], '*', 'admin@*'],
  ];
  for (const [name, roles, site, expected] of rows)
    it(`${name} → ${expected}`, () => {
      const t = escalationFor(roles, site, 'admin');
      assert.equal(`${t.role}@${t.site}`, expected);
    });
});
