import assert from 'node:assert/strict';
import { recordsOver } from '../../services/workflow/records';
import type { PersonIdentity } from '../../services/workflow/records';
import { prohibitionDefinition } from '../../services/workflows/prohibition';
import { isProhibitionInForce, publishedOrder } from '../../services/workflows/prohibition/model';
import type { V01PState } from '../../services/workflows/prohibition/model';
import { orderEffect } from '../../services/workflows/v01/prohibitionCheck';
import type { Run, Step } from '../fixtures/v01';
import { orderAt, orderInput, people } from '../fixtures/v01';
import { attempt, attemptStart } from './helpers';

type Row = [
  name: string,
  setup: () => Run<V01PState>,
  actor: keyof typeof people,
  command: Record<string, unknown>,
  expected: string,
];
const request = {
  type: 'v01p.requestReview',
  applicant: 'visitor',
  applicantName: 'Carl Smith',
  receivedOn: '2026-03-03',
  reasons: 'It was medicine',
};
const requested = (): Step[] => [[people.staff, request]];

describe('V.01.08 prohibition order: start', () => {
  const rows: Array<[string, Record<string, unknown>, keyof typeof people, string]> = [
    ['issued by the reception/movements manager', orderInput(), 'rmm', 'ok'],
    ['or the general manager custodial', orderInput(), 'gm', 'ok'],
    ['not by entry staff', orderInput(), 'staff', 'FORBIDDEN'],
    ['not by a manager of another site', orderInput({ site: 'Arohata' }), 'rmm', 'FORBIDDEN'],
    ['needs a V.01.03.5 ground', orderInput({ grounds: 'information-false' }), 'rmm', 'VALIDATION'],
    [
      'other V.01.03 reasons may be added to a V.01.03.5 ground',
      orderInput({ grounds: 'information-false,person-safety' }),
      'rmm',
      'ok',
    ],
    ['one prisoner means exactly one', orderInput({ scope: 'prisoner' }), 'rmm', 'VALIDATION'],
    [
      'several prisoners means two or more',
      orderInput({ prisoners: 'P1234567 Rawiri Henare' }),
      'rmm',
      'VALIDATION',
    ],
    ['the whole prison needs no names', orderInput({ scope: 'prison', prisoners: '' }), 'rmm', 'ok'],
    ['the reasons must be privacy-checked', orderInput({ privacyChecked: 'false' }), 'rmm', 'VALIDATION'],
    ['the expiry is after today', orderInput({ expiresOn: '2026-03-03' }), 'rmm', 'VALIDATION'],
    ['a child’s order goes to the guardian', orderInput({ visitorDob: '2012-01-01' }), 'rmm', 'VALIDATION'],
    [
      'a child’s order with the guardian',
      orderInput({ visitorDob: '2012-01-01', guardianName: 'Lisa Smith', guardianAddress: '9 Main Road' }),
      'rmm',
      'ok',
    ],
  ];
  for (const [name, input, actor, expected] of rows)
    it(`${name} → ${expected}`, () =>
      assert.equal(attemptStart(prohibitionDefinition, input, people[actor]), expected));
});

describe('V.01.09 prohibition order review: transition case table', () => {
  const rows: Row[] = [
    [
      'staff record a visitor’s written application',
      () => orderAt(),
      'staff',
      request,
      'v01p.reviewRequested',
    ],
    [
      'a guardian applies only for a child',
      () => orderAt(),
      'staff',
      { ...request, applicant: 'guardian' },
      'VALIDATION',
    ],
    [
      'a prisoner applies only if named in the order',
      () => orderAt(),
      'staff',
      { ...request, applicant: 'prisoner', applicantName: 'P9999999 Someone' },
      'VALIDATION',
    ],
    [
      'a named prisoner may apply',
      () => orderAt(),
      'staff',
      { ...request, applicant: 'prisoner', applicantName: 'Rawiri Henare P1234567' },
      'v01p.reviewRequested',
    ],
    ['one review open at a time', () => orderAt(requested()), 'staff', request, 'WRONG_STAGE'],
    [
      'only the Chief Inspector reviews',
      () => orderAt(requested()),
      'gm',
      { type: 'v01p.decideReview', outcome: 'confirm', reasons: 'x' },
      'FORBIDDEN',
    ],
    [
      'the review officer is not the Chief Inspector',
      () => orderAt(requested()),
      'reviewer',
      { type: 'v01p.decideReview', outcome: 'confirm', reasons: 'x' },
      'FORBIDDEN',
    ],
    [
      'the Chief Inspector confirms',
      () => orderAt(requested()),
      'inspector',
      { type: 'v01p.decideReview', outcome: 'confirm', reasons: 'x' },
      'v01p.reviewDecided',
    ],
    [
      'a modification changes something',
      () => orderAt(requested()),
      'inspector',
      { type: 'v01p.decideReview', outcome: 'modify', reasons: 'x' },
      'VALIDATION',
    ],
    [
      'a modification shortens the order',
      () => orderAt(requested()),
      'inspector',
      { type: 'v01p.decideReview', outcome: 'modify', reasons: 'x', newExpiresOn: '2026-03-20' },
      'v01p.reviewDecided',
    ],
    [
      'a refusal needs the earlier review and no material change',
      () => orderAt(requested()),
      'inspector',
      { type: 'v01p.decideReview', outcome: 'refuse', reasons: 'x' },
      'VALIDATION',
    ],
    [
      'no review outcome without an application',
      () => orderAt(),
      'inspector',
      { type: 'v01p.decideReview', outcome: 'confirm', reasons: 'x' },
      'WRONG_STAGE',
    ],
    [
      'a review outcome once',
      () =>
        orderAt([
          ...requested(),
          [people.inspector, { type: 'v01p.decideReview', outcome: 'confirm', reasons: 'x' }],
        ]),
      'inspector',
      { type: 'v01p.decideReview', outcome: 'reverse', reasons: 'x' },
      'ALREADY_DONE',
    ],
    [
      'the order copy is given once',
      () =>
        orderAt([
          [people.staff, { type: 'v01p.recordNoticeGiven', notice: 'order-visitor', method: 'post' }],
        ]),
      'staff',
      { type: 'v01p.recordNoticeGiven', notice: 'order-visitor', method: 'post' },
      'ALREADY_DONE',
    ],
    [
      'a copy for a prisoner not named is not due',
      () => orderAt(),
      'staff',
      { type: 'v01p.recordNoticeGiven', notice: 'order-prisoner-P9999999', method: 'by-hand' },
      'WRONG_STAGE',
    ],
  ];
  for (const [name, setup, actor, command, expected] of rows) {
    it(`${name} → ${expected}`, () =>
      assert.equal(attempt(prohibitionDefinition, setup(), people[actor], command), expected));
  }

  it('names the copies for each prisoner, the visitor and IOMS; then only the expiry timer is left', () => {
    const r = orderAt();
    assert.deepEqual(
      r.app.openTasks.map((t) => t.key),
      ['v01p.notices', 'v01p.expiry.2026-04-05'],
    );
    const give = (notice: string): Step => [
      people.staff,
      { type: 'v01p.recordNoticeGiven', notice, method: 'by-hand' },
    ];
    const done = orderAt([
      give('order-visitor'),
      give('order-prisoner-P1234567'),
      give('order-prisoner-P7654321'),
      give('ioms'),
    ]);
    // Still open while in force: the scheduler records the lapse at the close of the expiry day.
    assert.equal(done.app.closed, false);
    assert.equal(done.app.stage, 'issued');
    assert.deepEqual(
      done.app.openTasks.map((t) => [t.key, t.term, t.roles.length, t.dueAt?.toISOString()]),
      [['v01p.expiry.2026-04-05', 'timer', 0, '2026-04-05T11:59:59.999Z']],
    );
  });

  it('a reversal ends the order at once; the Chief Inspector’s task is due 21 NZ days after receipt', () => {
    const r = orderAt(requested());
    assert.equal(r.app.openTasks[0]?.dueAt?.toISOString(), '2026-03-24T10:59:59.999Z');
    const reversed = orderAt([
      ...requested(),
      [people.inspector, { type: 'v01p.decideReview', outcome: 'reverse', reasons: 'x' }],
    ]);
    assert.equal(isProhibitionInForce(reversed.app.state, reversed.now), false);
    assert.equal(isProhibitionInForce(r.app.state, r.now), true);
  });

  it('prohibits the named prisoners only, or the whole prison (as a visitor application reads it)', () => {
    const at = (prisonerId: string) => ({ site: 'Rimutaka', prisonerId });
    const r = orderAt();
    const order = publishedOrder(r.app, r.now)!;
    assert.equal(orderEffect(order, at('p1234567')), 'blocks');
    assert.equal(orderEffect(order, at('P0000001')), 'other-prisoners');
    const whole = orderAt([], { scope: 'prison', prisoners: '' });
    assert.equal(orderEffect(publishedOrder(whole.app, whole.now)!, at('P0000001')), 'blocks');
  });

  it('is found, while in force, against a visitor of the same name and date of birth', () => {
    const r = orderAt();
    const found = (visitor: PersonIdentity, now = r.now) => {
      const order = publishedOrder(r.app, now);
      return recordsOver(order ? [order] : [])
        .prohibitionOrdersFor([visitor])
        .map((m) => ({ id: m.orderId, site: m.site, expiresOn: m.expiresOn }));
    };
    assert.deepEqual(found({ name: '  carl  SMITH ', dateOfBirth: '1985-02-11' }), [
      { id: r.app._id, site: 'Rimutaka', expiresOn: '2026-04-05' },
    ]);
    assert.deepEqual(found({ name: 'Carl Smith', dateOfBirth: '1985-02-12' }), []);
    assert.deepEqual(
      found({ name: 'Carl Smith', dateOfBirth: '1985-02-11' }, new Date('2026-04-06T00:00:00Z')),
      [],
    );
  });
});
