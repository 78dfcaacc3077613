import { pendingFollowUps } from '../../services/workflows/v01/followUps';
import { v01Stage } from '../../services/workflows/v01/stage';
import { NO_RECORDS } from '../../services/workflow/records';
import assert from 'node:assert/strict';
import { v01Definition } from '../../services/workflows/v01';
import { outstandingCore, standingDecision } from '../../services/workflows/v01/model';
import type { V01State } from '../../services/workflows/v01/model';
import type { Run, Step } from '../fixtures/v01';
import { adultAt, cppChildAt, people, steps } from '../fixtures/v01';
import { AlreadyDoneError } from '../../services/errors';
import { attempt } from './helpers';

type Row = [
  name: string,
  setup: () => Run<V01State>,
  actor: keyof typeof people,
  command: Record<string, unknown>,
  expected: string,
];

const oneCore = (): Step[] => [...steps.convene(), steps.assess(people.core1)];
const allCore = (): Step[] => [...oneCore(), steps.assess(people.core2)];
const gmApprove = {
  type: 'v01.decide',
  outcome: 'approved',
  rationale: 'Panel unanimous',
  cppReferred: 'true',
};
const refer = { type: 'v01.decide', outcome: 'refer-in-person', rationale: 'Mixed views' };

describe('V.01 advisory panel: transition case table', () => {
  const rows: Row[] = [
    ['staff convene the panel', () => cppChildAt(), 'staff', steps.convene()[0]![1], 'v01.panelConvened'],
    [
      'the panel is convened once',
      () => cppChildAt(steps.convene()),
      'gm',
      steps.convene()[0]![1],
      'ALREADY_DONE',
    ],
    [
      'convening needs at least one core member',
      () => cppChildAt(),
      'staff',
      { type: 'v01.convenePanel', coreMembers: [] },
      'VALIDATION',
    ],
    [
      'convening without members from the directory is refused',
      () => cppChildAt(),
      'staff',
      { type: 'v01.convenePanel' },
      'VALIDATION',
    ],
    ['the GM cannot decide before the panel is convened', () => cppChildAt(), 'gm', gmApprove, 'WRONG_STAGE'],
    [
      'the GM cannot decide with a core member outstanding',
      () => cppChildAt(oneCore()),
      'gm',
      gmApprove,
      'WRONG_STAGE',
    ],
    [
      'the GM cannot refer with a core member outstanding',
      () => cppChildAt(oneCore()),
      'gm',
      refer,
      'WRONG_STAGE',
    ],
    [
      'a guest’s assessment does not stand in for a core member',
      () => cppChildAt([...oneCore(), steps.assess(people.guest)]),
      'gm',
      gmApprove,
      'WRONG_STAGE',
    ],
    [
      'the reception/movements manager cannot decide a panel application',
      () => cppChildAt(allCore()),
      'rmm',
      gmApprove,
      'FORBIDDEN',
    ],
    [
      'staff cannot enter a panel assessment',
      () => cppChildAt(steps.convene()),
      'staff',
      steps.assess(people.staff)[1],
      'FORBIDDEN',
    ],
    [
      'a guest may enter an assessment',
      () => cppChildAt(steps.convene()),
      'guest',
      steps.assess(people.guest)[1],
      'v01.panelAssessed',
    ],
    [
      'a core member enters theirs once',
      () => cppChildAt(oneCore()),
      'core1',
      steps.assess(people.core1)[1],
      'ALREADY_DONE',
    ],
    [
      'no assessment before convening',
      () => cppChildAt(),
      'core1',
      steps.assess(people.core1)[1],
      'WRONG_STAGE',
    ],
    [
      'the GM decides once every core member has recorded',
      () => cppChildAt(allCore()),
      'gm',
      gmApprove,
      'v01.decided',
    ],
    [
      'the GM must have referred to the Child Protection Policy',
      () => cppChildAt(allCore()),
      'gm',
      { ...gmApprove, cppReferred: 'false' },
      'VALIDATION',
    ],
    ['the GM refers to an in-person panel', () => cppChildAt(allCore()), 'gm', refer, 'v01.referredInPerson'],
    [
      'a referral happens once',
      () => cppChildAt([...allCore(), [people.gm, refer]]),
      'gm',
      refer,
      'ALREADY_DONE',
    ],
    [
      'after the in-person panel the GM records what it decided',
      () => cppChildAt([...allCore(), [people.gm, refer]]),
      'gm',
      gmApprove,
      'VALIDATION',
    ],
    [
      'the decision made at the in-person panel is recorded',
      () => cppChildAt([...allCore(), [people.gm, refer]]),
      'gm',
      { ...gmApprove, panelMeetingNote: 'Panel met 10 March: approve' },
      'v01.decided',
    ],
    [
      'a guest may still add after the core members, before the decision',
      () => cppChildAt([...allCore(), [people.gm, refer]]),
      'guest',
      steps.assess(people.guest)[1],
      'v01.panelAssessed',
    ],
    [
      'no assessments after the decision',
      () =>
        cppChildAt([
          ...steps.convene(),
          steps.assess(people.core1),
          steps.assess(people.core2),
          steps.gmApproveWithConditions(),
        ]),
      'guest',
      steps.assess(people.guest)[1],
      'WRONG_STAGE',
    ],
  ];
  for (const [name, setup, actor, command, expected] of rows) {
    it(`${name} → ${expected}`, () =>
      assert.equal(attempt(v01Definition, setup(), people[actor], command), expected));
  }

  it('a core member who has lost the role cannot record (the directory decides, not the list)', () => {
    const r = cppChildAt(steps.convene());
    assert.equal(
      attempt(v01Definition, r, { ...people.core1, roles: [] }, steps.assess(people.core1)[1]),
      'FORBIDDEN',
    );
  });

  it('shows who is outstanding and gives each outstanding core member a task', () => {
    const r = cppChildAt(oneCore());
    assert.deepEqual(
      outstandingCore(r.app.state).map((m) => m.name),
      ['Priya Shah'],
    );
    assert.deepEqual(
      r.app.openTasks.map((t) => [t.key, t.assignee]),
      [['v01.panel.aad-core2', 'aad-core2']],
    );
    try {
      v01Definition.decide(r.app, v01Definition.commandSchema.parse(gmApprove), {
        actor: people.gm,
        now: r.now,
        records: NO_RECORDS,
      });
      assert.fail('decided');
    } catch (e) {
      assert.match((e as Error).message, /Priya Shah/);
    }
  });

  it('the completing assessment notifies the general manager custodial', () => {
    const r = cppChildAt(allCore());
    const last = r.history[r.history.length - 1]!;
    const n = v01Definition.notifications(r.app, last);
    assert.deepEqual(
      n.map((x) => [x.target, x.cardRef?.name]),
      [[{ kind: 'role', roles: ['general-manager-custodial'], site: 'Rimutaka' }, 'v01.decision']],
    );
  });

  it('a second decision names who decided and when', () => {
    const r = cppChildAt([...allCore(), [people.gm, gmApprove]]);
    assert.throws(
      () =>
        v01Definition.decide(r.app, v01Definition.commandSchema.parse(gmApprove), {
          actor: people.gm,
          now: r.now,
          records: NO_RECORDS,
        }),
      (e: unknown) =>
        e instanceof AlreadyDoneError && e.by?.name === 'Aroha Ngata' && /Aroha Ngata/.test(e.userMessage),
    );
  });
});

const declined = (): Step[] => [
  steps.managerDecline(),
  [people.staff, { type: 'v01.recordNoticeGiven', notice: 'decision-visitor', method: 'post' }],
];
const request = {
  type: 'v01.requestReview',
  requestedBy: 'visitor',
  receivedOn: '2026-03-03',
  channel: 'email',
  reasons: 'I can explain',
};
const requested = (): Step[] => [...declined(), [people.staff, request]];

describe('V.01.07 review of a decision: transition case table', () => {
  const rows: Row[] = [
    [
      'an approval without conditions cannot be reviewed',
      () => adultAt([steps.managerApprove()]),
      'staff',
      request,
      'WRONG_STAGE',
    ],
    [
      'the visitor must have been advised of the decision first',
      () => adultAt([steps.managerDecline()]),
      'staff',
      request,
      'WRONG_STAGE',
    ],
    [
      'a prisoner’s request goes through the complaints process',
      () => adultAt([steps.managerDecline()]),
      'staff',
      { ...request, requestedBy: 'prisoner' },
      'VALIDATION',
    ],
    [
      'a prisoner’s request with its complaint reference',
      () => adultAt([steps.managerDecline()]),
      'staff',
      { ...request, requestedBy: 'prisoner', channel: 'complaint', complaintRef: 'C-2026-118' },
      'v01.reviewRequested',
    ],
    [
      'a visitor’s request after the letter was given',
      () => adultAt(declined()),
      'staff',
      request,
      'v01.reviewRequested',
    ],
    [
      'a request cannot be dated in the future',
      () => adultAt(declined()),
      'staff',
      { ...request, receivedOn: '2026-03-09' },
      'VALIDATION',
    ],
    ['one review open at a time', () => adultAt(requested()), 'staff', request, 'WRONG_STAGE'],
    [
      'staff cannot record the review outcome',
      () => adultAt(requested()),
      'staff',
      { type: 'v01.decideReview', outcome: 'confirm', reasons: 'x' },
      'FORBIDDEN',
    ],
    [
      'the general manager cannot record the review outcome',
      () => adultAt(requested()),
      'gm',
      { type: 'v01.decideReview', outcome: 'confirm', reasons: 'x' },
      'FORBIDDEN',
    ],
    [
      'the review officer confirms',
      () => adultAt(requested()),
      'reviewer',
      { type: 'v01.decideReview', outcome: 'confirm', reasons: 'x' },
      'v01.reviewDecided',
    ],
    [
      'a modification carries conditions',
      () => adultAt(requested()),
      'reviewer',
      { type: 'v01.decideReview', outcome: 'modify', reasons: 'x' },
      'VALIDATION',
    ],
    [
      'a refusal names the earlier review',
      () => adultAt(requested()),
      'reviewer',
      { type: 'v01.decideReview', outcome: 'refuse', reasons: 'x', noMaterialChange: 'true' },
      'VALIDATION',
    ],
    [
      'a refusal confirms no material change',
      () => adultAt(requested()),
      'reviewer',
      { type: 'v01.decideReview', outcome: 'refuse', reasons: 'x', earlierReview: 'VIS-2025-00310 review 1' },
      'VALIDATION',
    ],
    [
      'a refusal as substantially the same',
      () => adultAt(requested()),
      'reviewer',
      {
        type: 'v01.decideReview',
        outcome: 'refuse',
        reasons: 'x',
        earlierReview: 'VIS-2025-00310 review 1',
        noMaterialChange: 'true',
      },
      'v01.reviewDecided',
    ],
    [
      'the outcome is recorded once',
      () =>
        adultAt([
          ...requested(),
          [people.reviewer, { type: 'v01.decideReview', outcome: 'confirm', reasons: 'x' }],
        ]),
      'reviewer',
      { type: 'v01.decideReview', outcome: 'reverse', reasons: 'x' },
      'ALREADY_DONE',
    ],
  ];
  for (const [name, setup, actor, command, expected] of rows) {
    it(`${name} → ${expected}`, () =>
      assert.equal(attempt(v01Definition, setup(), people[actor], command), expected));
  }

  it('the review officer gets a 21-day task; reversal is written back and both are told', () => {
    const r = adultAt(requested());
    assert.equal(v01Stage(r.app.state), 'review');
    const task = r.app.openTasks.find((t) => t.key === 'v01.review.1');
    assert.equal(task?.site, '*');
    assert.deepEqual(task?.roles, ['review-officer']);
    // Received Tuesday 3 March 2026: due at the close of Tuesday 24 March in New Zealand.
    assert.equal(task?.dueAt?.toISOString(), '2026-03-24T10:59:59.999Z');
    const done = adultAt([
      ...requested(),
      [
        people.reviewer,
        { type: 'v01.decideReview', outcome: 'reverse', reasons: 'Not shown to involve the visitor' },
      ],
    ]);
    assert.equal(standingDecision(done.app.state)?.outcome, 'approved');
    assert.ok(pendingFollowUps(done.app.state).includes('review-1-visitor'));
    assert.ok(pendingFollowUps(done.app.state).includes('review-1-prisoner'));
    assert.ok(pendingFollowUps(done.app.state).includes('review-1-ioms'));
    const n = v01Definition.notifications(done.app, done.history[done.history.length - 1]!);
    assert.deepEqual(
      n.map((x) => x.key),
      ['notices', 'gm'],
    );
  });

  it('a prisoner’s review asks the review officer to complete section C of the complaint (V.01.07.9)', () => {
    const prisonerRequest = {
      ...request,
      requestedBy: 'prisoner',
      channel: 'complaint',
      complaintRef: 'C-2026-118',
    };
    const r = adultAt([
      steps.managerDecline(),
      [people.staff, prisonerRequest],
      [people.reviewer, { type: 'v01.decideReview', outcome: 'confirm', reasons: 'x' }],
    ]);
    assert.ok(pendingFollowUps(r.app.state).includes('review-1-complaint'));
    assert.equal(
      attempt(v01Definition, r, people.reviewer, { type: 'v01.recordFollowUp', item: 'review-1-complaint' }),
      'v01.followUpRecorded',
    );
    assert.equal(
      attempt(v01Definition, r, people.reviewer, { type: 'v01.recordFollowUp', item: 'outcome-entered' }),
      'FORBIDDEN',
    );
  });

  it('a modification replaces the conditions', () => {
    const r = adultAt([
      ...requested(),
      [
        people.reviewer,
        { type: 'v01.decideReview', outcome: 'modify', reasons: 'x', newConditions: 'booth' },
      ],
    ]);
    assert.deepEqual(standingDecision(r.app.state), {
      outcome: 'approved-with-conditions',
      conditions: ['booth'],
    });
  });
});
