import { pendingFollowUps, requiredNotices } from '../../services/workflows/v01/followUps';
import { v01Stage } from '../../services/workflows/v01/stage';
import assert from 'node:assert/strict';
import { v01Definition } from '../../services/workflows/v01';
import { route } from '../../services/workflows/v01/model';
import type { V01State } from '../../services/workflows/v01/model';
import type { Run, Step } from '../fixtures/v01';
import {
  adultAt,
  childNomination,
  cppChildAt,
  nomination,
  people,
  runWorkflow,
  steps,
} from '../fixtures/v01';
import { attempt, attemptStart } from './helpers';

const start = (input: Record<string, unknown>, more: Step[] = []) =>
  runWorkflow<V01State>(v01Definition, input, people.staff, more);
const ncc = () =>
  nomination({
    restriction: 'non-contact-condition',
    restrictionDetails: 'Bail condition: no contact with the visitor',
  });
const po = () =>
  nomination({ restriction: 'protection-order', restrictionDetails: 'Protection order, Porirua DC' });
const contact = {
  type: 'v01.recordProtectedPersonContact',
  contactedOn: '2026-03-02',
  how: 'phone',
  details: 'Asked to visit',
  ownInitiative: 'true',
};
const formsSent = { type: 'v01.recordFormsSent', sentTo: 'Huia Henare', method: 'post' };
const offer = {
  type: 'v01.offerResponse',
  grounds: 'information-omitted',
  details: 'Proof of address requested',
};

type Row = [
  name: string,
  setup: () => Run<V01State>,
  actor: keyof typeof people,
  command: Record<string, unknown>,
  expected: string,
];

describe('V.01 visitor application: transition case table', () => {
  const rows: Row[] = [
    [
      'forms cannot go out under a non-contact condition',
      () => start(ncc()),
      'staff',
      formsSent,
      'WRONG_STAGE',
    ],
    [
      'the protected person’s own request is not enough under a non-contact condition',
      () => start(ncc()),
      'staff',
      contact,
      'WRONG_STAGE',
    ],
    [
      'a court exemption unblocks a non-contact condition',
      () => start(ncc()),
      'staff',
      { type: 'v01.recordCourtExemption', reference: 'CRI-1', details: 'Visits allowed' },
      'v01.courtExemptionRecorded',
    ],
    [
      'forms go out under a non-contact condition once exempted',
      () =>
        start(ncc(), [
          [people.staff, { type: 'v01.recordCourtExemption', reference: 'CRI-1', details: 'x' }],
        ]),
      'staff',
      formsSent,
      'v01.formsSent',
    ],
    [
      'forms cannot go out before the protected person contacts the prison',
      () => start(po()),
      'staff',
      formsSent,
      'WRONG_STAGE',
    ],
    [
      'the protected person contacting the prison is recorded',
      () => start(po()),
      'staff',
      contact,
      'v01.protectedPersonContacted',
    ],
    [
      'contact must be of their own accord',
      () => start(po()),
      'staff',
      { ...contact, ownInitiative: 'false' },
      'VALIDATION',
    ],
    [
      'contact cannot be dated in the future',
      () => start(po()),
      'staff',
      { ...contact, contactedOn: '2026-03-10' },
      'VALIDATION',
    ],
    [
      'forms go out after the protected person’s contact',
      () => start(po(), [[people.staff, contact]]),
      'staff',
      formsSent,
      'v01.formsSent',
    ],
    [
      'a court exemption is only for a non-contact condition',
      () => start(po()),
      'staff',
      { type: 'v01.recordCourtExemption', reference: 'x', details: 'y' },
      'WRONG_STAGE',
    ],
    [
      'a restriction found later blocks the application again',
      () => start(nomination(), steps.formsOut()),
      'staff',
      {
        type: 'v01.updateRestriction',
        restriction: 'non-contact-condition',
        restrictionDetails: 'New bail condition',
      },
      'v01.restrictionUpdated',
    ],
    [
      'staff at another site may not record forms',
      () => start(nomination()),
      'outsider',
      formsSent,
      'FORBIDDEN',
    ],
    [
      'forms sent once only',
      () => start(nomination(), [[people.staff, formsSent]]),
      'staff',
      formsSent,
      'ALREADY_DONE',
    ],
    [
      'checks wait for the completed application',
      () => start(nomination(), [[people.staff, formsSent]]),
      'staff',
      { type: 'v01.checkItem', item: 'form-complete' },
      'WRONG_STAGE',
    ],
    [
      'a child must be entered as Minor',
      () => start(childNomination(), steps.formsOut()),
      'staff',
      { type: 'v01.checkItem', item: 'visitor-entered' },
      'VALIDATION',
    ],
    [
      'security checks need every answer',
      () => start(nomination(), steps.formsOut()),
      'staff',
      {
        type: 'v01.checkItem',
        item: 'security-checks',
        everImprisoned: 'yes',
        onBail: 'no',
        convictedLastTwoYears: 'no',
      },
      'VALIDATION',
    ],
    [
      'a check item is recorded once',
      () => start(nomination(), [...steps.formsOut(), ...steps.checks().slice(0, 1)]),
      'staff',
      { type: 'v01.checkItem', item: 'form-complete' },
      'ALREADY_DONE',
    ],
    [
      'no decision before the checks are complete',
      () => start(nomination(), steps.formsOut()),
      'rmm',
      { type: 'v01.decide', outcome: 'approved', rationale: 'x' },
      'WRONG_STAGE',
    ],
    [
      'staff may not decide',
      () => adultAt(),
      'staff',
      { type: 'v01.decide', outcome: 'approved', rationale: 'x' },
      'FORBIDDEN',
    ],
    [
      'the reception/movements manager approves an adult',
      () => adultAt(),
      'rmm',
      { type: 'v01.decide', outcome: 'approved', rationale: 'Checks clear' },
      'v01.decided',
    ],
    [
      'conditions are the general manager custodial’s (V.01.05)',
      () => adultAt(),
      'rmm',
      { type: 'v01.decide', outcome: 'approved-with-conditions', conditions: 'avl', rationale: 'x' },
      'FORBIDDEN',
    ],
    [
      'the general manager custodial approves with conditions',
      () => adultAt(),
      'gm',
      { type: 'v01.decide', outcome: 'approved-with-conditions', conditions: 'avl', rationale: 'x' },
      'v01.decided',
    ],
    [
      'approve with conditions needs a condition',
      () => adultAt(),
      'gm',
      { type: 'v01.decide', outcome: 'approved-with-conditions', rationale: 'x' },
      'VALIDATION',
    ],
    [
      'a decline cites a V.01.03 ground',
      () => adultAt(),
      'rmm',
      { type: 'v01.decide', outcome: 'declined', rationale: 'x' },
      'VALIDATION',
    ],
    [
      'guardian consent is a ground for a child only',
      () => adultAt(),
      'rmm',
      { type: 'v01.decide', outcome: 'declined', grounds: 'guardian-no-consent', rationale: 'x' },
      'VALIDATION',
    ],
    [
      'words for the visitor need the privacy confirmation',
      () => adultAt(),
      'rmm',
      {
        type: 'v01.decide',
        outcome: 'declined',
        grounds: 'information-false',
        visitorReasons: 'More words',
        rationale: 'x',
      },
      'VALIDATION',
    ],
    [
      'an adult cannot be referred to an in-person panel',
      () => adultAt(),
      'gm',
      { type: 'v01.decide', outcome: 'refer-in-person', rationale: 'x' },
      'WRONG_STAGE',
    ],
    [
      'decided once only',
      () => adultAt([steps.managerApprove()]),
      'gm',
      { type: 'v01.decide', outcome: 'declined', grounds: 'information-false', rationale: 'x' },
      'ALREADY_DONE',
    ],
    [
      'an open opportunity to respond holds the decision',
      () => adultAt([[people.rmm, offer]]),
      'rmm',
      { type: 'v01.decide', outcome: 'declined', grounds: 'information-omitted', rationale: 'x' },
      'WRONG_STAGE',
    ],
    [
      'the response is recorded',
      () => adultAt([[people.rmm, offer]]),
      'staff',
      { type: 'v01.recordResponse', response: 'Sent a power bill' },
      'v01.responseRecorded',
    ],
    [
      'after the response the decision opens',
      () =>
        adultAt([
          [people.rmm, offer],
          [people.staff, { type: 'v01.recordResponse', response: 'None by 17 March' }],
        ]),
      'rmm',
      { type: 'v01.decide', outcome: 'declined', grounds: 'information-omitted', rationale: 'x' },
      'v01.decided',
    ],
    [
      'a response opportunity is only for information and consent grounds',
      () => adultAt(),
      'rmm',
      { ...offer, grounds: 'security-good-order' },
      'VALIDATION',
    ],
    [
      'a child without a CPP alert is routed by staff, not decided',
      () => cppChildAt([], { cppAlert: 'no' }),
      'rmm',
      { type: 'v01.decide', outcome: 'approved', rationale: 'x', cppReferred: 'true' },
      'WRONG_STAGE',
    ],
    [
      'recommending needs the risk check first',
      () => cppChildAt([], { cppAlert: 'no' }),
      'staff',
      { type: 'v01.recommend', recommendation: 'approve', reasons: 'x' },
      'WRONG_STAGE',
    ],
    [
      'staff cannot bypass the manager’s advice to use the panel',
      () =>
        cppChildAt(
          [
            [people.staff, { type: 'v01.recordRiskCheck', otherRiskSigns: 'none' }],
            [
              people.staff,
              { type: 'v01.recordManagerConsulted', manager: 'S F', advice: 'panel', note: 'n' },
            ],
          ],
          { cppAlert: 'no' },
        ),
      'staff',
      { type: 'v01.recommend', recommendation: 'approve', reasons: 'x' },
      'WRONG_STAGE',
    ],
    [
      'closing needs no decision yet',
      () => adultAt([steps.managerApprove()]),
      'staff',
      { type: 'v01.withdraw', reason: 'x' },
      'WRONG_STAGE',
    ],
    [
      'a notice not due cannot be marked',
      () => adultAt([steps.managerApprove()]),
      'staff',
      { type: 'v01.recordNoticeGiven', notice: 'review-1-visitor', method: 'post' },
      'WRONG_STAGE',
    ],
    [
      'a notice is marked given once',
      () =>
        adultAt([
          steps.managerApprove(),
          [people.staff, { type: 'v01.recordNoticeGiven', notice: 'decision-prisoner', method: 'by-hand' }],
        ]),
      'staff',
      { type: 'v01.recordNoticeGiven', notice: 'decision-prisoner', method: 'by-hand' },
      'ALREADY_DONE',
    ],
    [
      'the entry card follows the induction (V.01.10.5)',
      () => adultAt([steps.managerApprove()], { visitorType: 'specified' }),
      'staff',
      { type: 'v01.recordFollowUp', item: 'entry-card' },
      'WRONG_STAGE',
    ],
    [
      'the induction needs its date',
      () => adultAt([steps.managerApprove()], { visitorType: 'specified' }),
      'staff',
      { type: 'v01.recordFollowUp', item: 'induction' },
      'VALIDATION',
    ],
  ];
  for (const [name, setup, actor, command, expected] of rows) {
    it(`${name} → ${expected}`, () =>
      assert.equal(attempt(v01Definition, setup(), people[actor], command), expected));
  }
});

describe('V.01 visitor application: start', () => {
  const rows: Array<[string, Record<string, unknown>, keyof typeof people, string]> = [
    ['an adult nomination', nomination(), 'staff', 'ok'],
    [
      'a child recorded as an adult type is refused',
      childNomination({ visitorType: 'private-adult' }),
      'staff',
      'VALIDATION',
    ],
    [
      'a child recorded as specified is refused',
      childNomination({ visitorType: 'specified' }),
      'staff',
      'VALIDATION',
    ],
    [
      'an adult recorded as a child is refused',
      nomination({
        visitorType: 'private-child',
        consenterKind: 'guardian',
        consenterName: 'x',
        consenterRelationship: 'y',
        consenterAddress: 'z',
      }),
      'staff',
      'VALIDATION',
    ],
    ['a child needs who consents', childNomination({ consenterKind: '' }), 'staff', 'VALIDATION'],
    [
      'another consenter needs why the guardian is not used',
      childNomination({ consenterKind: 'other' }),
      'staff',
      'VALIDATION',
    ],
    [
      'another consenter with a reason',
      childNomination({
        consenterKind: 'other',
        consenterReason: 'Mother overseas; aunt is day-to-day carer',
      }),
      'staff',
      'ok',
    ],
    [
      'a restriction needs its details',
      nomination({ restriction: 'protection-order' }),
      'staff',
      'VALIDATION',
    ],
    ['staff of another prison may not start one here', nomination(), 'outsider', 'FORBIDDEN'],
    ['a panel member may not start one', nomination(), 'core1', 'FORBIDDEN'],
  ];
  for (const [name, input, actor, expected] of rows)
    it(`${name} → ${expected}`, () =>
      assert.equal(attemptStart(v01Definition, input, people[actor]), expected));

  it('flags a child as Minor on the application date in New Zealand', () => {
    // 2008-03-03 turns 18 on 3 March 2026 NZ; at 2026-03-02T12:00Z it is already 3 March in NZ.
    const r = runWorkflow<V01State>(
      v01Definition,
      nomination({ visitorDob: '2008-03-03' }),
      people.staff,
      [],
      new Date('2026-03-02T12:00:00Z'),
    );
    assert.equal(r.app.state.nomination?.visitor.minor, false);
    assert.equal(
      attemptStart(v01Definition, nomination({ visitorDob: '2008-03-04' }), people.staff),
      'VALIDATION',
    );
  });

  it('records a prohibition at another prison as a flag for the deciding manager', () => {
    const r = adultAt([], {
      prohibitedElsewhere: 'true',
      prohibitedSite: 'Arohata',
      prohibitedUntil: '2026-06-30',
    });
    assert.deepEqual(r.app.state.nomination?.prohibitedElsewhere, {
      site: 'Arohata',
      until: '2026-06-30',
      source: 'staff',
    });
    const task = r.app.openTasks.find((t) => t.key === 'v01.decision');
    assert.ok(task);
    const note = v01Definition.notifications(r.app, r.history[r.history.length - 1]!);
    assert.match(note[0]!.text, /FLAG: the visitor is prohibited at Arohata until 2026-06-30/);
  });
});

describe('V.01 routing', () => {
  it('a child with a CPP alert goes to the panel automatically when the checks are done', () => {
    const r = cppChildAt();
    assert.equal(route(r.app.state), 'panel');
    assert.equal(v01Stage(r.app.state), 'panel-convening');
  });
  it('a CPP alert recorded after routing to the manager takes the decision to the panel', () => {
    const r = cppChildAt(
      [
        [people.staff, { type: 'v01.recordRiskCheck', otherRiskSigns: 'none' }],
        [people.staff, { type: 'v01.recordManagerConsulted', manager: 'S F', advice: 'no-panel', note: 'n' }],
        [people.staff, { type: 'v01.recommend', recommendation: 'approve', reasons: 'x' }],
        [people.staff, { type: 'v01.recordCppAlert', note: 'Alert added in IOMS today' }],
      ],
      { cppAlert: 'no' },
    );
    assert.equal(v01Stage(r.app.state), 'panel-convening');
    assert.deepEqual(
      v01Definition.notifications(r.app, r.history[r.history.length - 1]!).map((n) => n.cardRef?.name),
      ['v01.panel'],
    );
    assert.equal(
      attempt(v01Definition, r, people.rmm, {
        type: 'v01.decide',
        outcome: 'approved',
        rationale: 'x',
        cppReferred: 'true',
      }),
      'FORBIDDEN',
    );
  });
  it('adults and specified visitors go to the reception/movements manager', () => {
    for (const visitorType of [
      'private-adult',
      'specified',
      'kaiwhakamana',
      'fautua-pasefika',
      'volunteer',
    ]) {
      const r = adultAt([], { visitorType });
      assert.equal(v01Stage(r.app.state), 'manager-decision', visitorType);
      assert.deepEqual(
        r.app.openTasks.map((t) => t.roles),
        [['reception-movements-manager', 'general-manager-custodial']],
      );
    }
  });
});

describe('V.01 notices and follow-ups', () => {
  it('a child approval with conditions needs Form.01.07 to the guardian and Form.01.10 to the prisoner', () => {
    const r = cppChildAt([
      ...steps.convene(),
      steps.assess(people.core1),
      steps.assess(people.core2),
      steps.gmApproveWithConditions(),
    ]);
    const n = requiredNotices(r.app.state, r.app.prisonerName);
    assert.deepEqual(
      n.map((x) => x.key),
      ['decision-visitor', 'decision-prisoner'],
    );
    assert.match(n[0]!.form, /V.01.Form.01.07/);
    assert.match(n[0]!.recipient, /Kiri Henare/);
    assert.match(n[1]!.form, /V.01.Form.01.10/);
    // A panel decision populates IOMS from the child visitor assessment screen (V.01.06.2), where
    // the GM enters it (V.01.04.7): no visitor-screen entry is asked of staff.
    assert.deepEqual(pendingFollowUps(r.app.state), [
      'decision-visitor',
      'decision-prisoner',
      'ioms-child-assessment',
    ]);
  });
  it('an adult decided by the manager also needs the IOMS entry (V.01.06.1)', () => {
    const r = adultAt([steps.managerApprove()]);
    assert.deepEqual(pendingFollowUps(r.app.state), [
      'decision-visitor',
      'decision-prisoner',
      'outcome-entered',
    ]);
    assert.match(requiredNotices(r.app.state, '')[0]!.form, /V.01.Form.01.04/);
  });
  it('a specified visitor approval asks for APPE, the code of conduct, the induction and the entry card', () => {
    const r = adultAt([steps.managerApprove()], { visitorType: 'fautua-pasefika' });
    assert.deepEqual(pendingFollowUps(r.app.state), [
      'decision-visitor',
      'decision-prisoner',
      'outcome-entered',
      'code-of-conduct',
      'induction',
      'entry-card',
    ]);
    assert.match(requiredNotices(r.app.state, '')[0]!.form, /V.01.Form.04/);
  });
  const forms: Array<[string, () => Run<V01State>, RegExp]> = [
    ['adult approved', () => adultAt([steps.managerApprove()]), /V.01.Form.01.04 /],
    [
      'adult approved with conditions',
      () =>
        adultAt([
          [
            people.gm,
            { type: 'v01.decide', outcome: 'approved-with-conditions', conditions: 'booth', rationale: 'x' },
          ],
        ]),
      /V.01.Form.01.05 /,
    ],
    ['adult declined', () => adultAt([steps.managerDecline()]), /V.01.Form.01.08 /],
    [
      'child approved',
      () =>
        cppChildAt([
          ...steps.convene(),
          steps.assess(people.core1),
          steps.assess(people.core2),
          [people.gm, { type: 'v01.decide', outcome: 'approved', rationale: 'x', cppReferred: 'true' }],
        ]),
      /V.01.Form.01.06 /,
    ],
    [
      'child approved with conditions',
      () =>
        cppChildAt([
          ...steps.convene(),
          steps.assess(people.core1),
          steps.assess(people.core2),
          steps.gmApproveWithConditions(),
        ]),
      /V.01.Form.01.07 /,
    ],
    [
      'specified approved',
      () => adultAt([steps.managerApprove()], { visitorType: 'specified' }),
      /V.01.Form.04 /,
    ],
    [
      'volunteer declined',
      () => adultAt([steps.managerDecline()], { visitorType: 'volunteer' }),
      /V.01.Form.06 /,
    ],
  ];
  for (const [name, setup, form] of forms) {
    it(`${name}: the visitor's letter is ${form.source.replace(/\\/g, '').trim()} and the prisoner always gets Form.01.10`, () => {
      const r = setup();
      const n = requiredNotices(r.app.state, r.app.prisonerName);
      assert.match(n.find((x) => x.key === 'decision-visitor')!.form, form);
      assert.match(n.find((x) => x.key === 'decision-prisoner')!.form, /V.01.Form.01.10 /);
    });
  }

  it('closes once every notice and follow-up is recorded', () => {
    const given = (notice: string): Step => [
      people.staff,
      { type: 'v01.recordNoticeGiven', notice, method: 'by-hand' },
    ];
    const r = adultAt([
      steps.managerApprove(),
      given('decision-visitor'),
      given('decision-prisoner'),
      [people.staff, { type: 'v01.recordFollowUp', item: 'outcome-entered' }],
    ]);
    assert.equal(r.app.closed, true);
    assert.equal(r.app.stage, 'done');
  });
});
