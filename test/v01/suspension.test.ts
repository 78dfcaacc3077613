import assert from 'node:assert/strict';
import { cardRenderers } from '../../cards/registry';
import { v01Definition } from '../../services/workflows/v01';
import { requiredNotices } from '../../services/workflows/v01/followUps';
import { standingSummary, v01NoticeText } from '../../services/workflows/v01/letters';
import { standingDecision, visitsAllowed } from '../../services/workflows/v01/model';
import type { V01State } from '../../services/workflows/v01/model';
import type { ApplicationDoc, AuditEvent } from '../../services/workflow/domain';
import type { Run, Step } from '../fixtures/v01';
import { adultAt, people, steps } from '../fixtures/v01';
import { attempt } from './helpers';

/**
 * V.01.01.4 after the decision: a protection order or non-contact condition that appears once a
 * visit is approved is recorded, the approval is suspended (no visits under it), and the decision
 * maker decides again — approve with conditions (the GM) or decline. Before this, a restriction
 * could be recorded on an undecided application only (`updateRestriction` was refused WRONG_STAGE).
 */

const ncc = (details = 'Non-contact condition imposed by the District Court on 1 March'): Step => [
  people.staff,
  { type: 'v01.updateRestriction', restriction: 'non-contact-condition', restrictionDetails: details },
];
const exemption: Step = [
  people.staff,
  { type: 'v01.recordCourtExemption', reference: 'CRI-2026-1', details: 'Visits permitted, supervised' },
];
const redecide = (who: keyof typeof people, outcome: string, extra: Record<string, unknown> = {}): Step => [
  people[who],
  {
    type: 'v01.redecide',
    outcome,
    rationale: 'The new condition changes the risk.',
    conditions: outcome === 'approved-with-conditions' ? 'fully-supervised' : '',
    grounds: outcome === 'declined' ? 'person-safety' : '',
    ...extra,
  },
];
const approved = (extra: Step[] = []) => adultAt([steps.managerApprove(), ...extra]);
const types = (r: Run<V01State>) => r.history.map((e: AuditEvent) => e.type);
const render = (name: string, r: Run<V01State>, viewer = people.rmm) =>
  JSON.stringify(cardRenderers[name]!({ app: r.app, viewer, now: r.now, params: {}, history: r.history }));

describe('V.01.01.4 a restriction recorded after the decision', () => {
  it('suspends an approval: recorded with who and when, and visits stop at once', () => {
    const before = approved();
    assert.equal(visitsAllowed(before.app.state), true);
    const r = approved([ncc()]);
    assert.deepEqual(types(r).slice(-2), ['v01.restrictionUpdated', 'v01.approvalSuspended']);
    const audit = r.history.at(-1)!;
    assert.equal(audit.actor.name, people.staff.name);
    assert.equal(audit.payload['restriction'], 'non-contact-condition');
    assert.equal(r.app.stage, 'suspended');
    assert.equal(visitsAllowed(r.app.state), false);
    assert.match(
      standingSummary(r.app.state) ?? '',
      /^Suspended by a new contact restriction \(was: Approved\)/,
    );
  });

  it('routes it back to the decision maker: a decision task and a notification saying why', () => {
    const r = approved([ncc()]);
    const task = r.app.openTasks.find((t) => t.key === 'v01.redecision.1');
    assert.ok(task, JSON.stringify(r.app.openTasks.map((t) => t.key)));
    assert.deepEqual(task.roles, ['reception-movements-manager', 'general-manager-custodial']);
    assert.equal(task.card, 'v01.decision');
    assert.ok(
      r.app.openTasks.some((t) => t.key === 'v01.restriction'),
      'staff record an exemption if produced',
    );
    assert.equal(r.app.closed, false);
    const sent = v01Definition.notifications(r.app as ApplicationDoc<V01State>, r.history.at(-1)!);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0]!.target, {
      kind: 'role',
      roles: ['reception-movements-manager', 'general-manager-custodial'],
      site: 'Rimutaka',
    });
    assert.match(
      sent[0]!.text,
      /APPROVAL SUSPENDED\. Non-contact condition was recorded after the decision \(Non-contact condition imposed/,
    );
    assert.equal(sent[0]!.cardRef?.name, 'v01.decision');
  });

  it('every card says the approval is suspended and why; the decision card offers the decision again', () => {
    const r = approved([ncc()]);
    for (const name of ['v01.status', 'v01.decision', 'v01.notices']) {
      const json = render(name, r);
      assert.match(
        json,
        /Approval suspended since .*non-contact condition recorded after the decision — Non-contact condition imposed/,
        name,
      );
    }
    const decision = render('v01.decision', r);
    assert.match(decision, /Decide again/);
    assert.match(decision, /"command":"v01.redecide","args":\{"outcome":"declined"\}/);
    assert.doesNotMatch(decision, /"outcome":"approved-with-conditions"/, 'the manager may only decline');
    assert.match(
      render('v01.decision', r, people.gm),
      /"command":"v01.redecide","args":\{"outcome":"approved-with-conditions"\}/,
    );
    assert.match(render('v01.status', r), /Approval suspended: new contact restriction/, 'timeline');
  });

  it('staff record it from the restriction card (`restriction <id>`) on an approved application, not a declined one', () => {
    const change = /"command":"v01.updateRestriction"/;
    assert.match(render('v01.restriction', approved(), people.staff), change);
    assert.doesNotMatch(render('v01.restriction', adultAt([steps.managerDecline()]), people.staff), change);
    assert.doesNotMatch(render('v01.restriction', approved(), people.staff), /"command":"v01.withdraw"/);
    assert.match(
      render('v01.restriction', approved([ncc()]), people.staff),
      /"command":"v01.recordCourtExemption"/,
    );
    assert.match(render('v01.status', approved([ncc()])), /Open: Decide again/);
  });

  const rows: Array<[string, () => Run<V01State>, Step, string]> = [
    ['the manager declines', () => approved([ncc()]), redecide('rmm', 'declined'), 'v01.redecided'],
    [
      'the manager cannot set conditions (V.01.05)',
      () => approved([ncc()]),
      redecide('rmm', 'approved-with-conditions'),
      'FORBIDDEN',
    ],
    ['staff cannot decide', () => approved([ncc()]), redecide('staff', 'declined'), 'FORBIDDEN'],
    [
      'the GM cannot approve while the condition blocks',
      () => approved([ncc()]),
      redecide('gm', 'approved-with-conditions'),
      'WRONG_STAGE',
    ],
    [
      'the GM approves with conditions once an exemption is recorded',
      () => approved([ncc(), exemption]),
      redecide('gm', 'approved-with-conditions'),
      'v01.redecided',
    ],
    [
      'a decline needs a ground',
      () => approved([ncc()]),
      redecide('rmm', 'declined', { grounds: '' }),
      'VALIDATION',
    ],
    [
      'conditions must be chosen',
      () => approved([ncc(), exemption]),
      redecide('gm', 'approved-with-conditions', { conditions: '' }),
      'VALIDATION',
    ],
    ['a plain approval is not an option', () => approved([ncc()]), redecide('gm', 'approved'), 'VALIDATION'],
    [
      'nothing to decide again when not suspended',
      () => approved(),
      redecide('rmm', 'declined'),
      'WRONG_STAGE',
    ],
    [
      'decided again only once',
      () => approved([ncc(), redecide('rmm', 'declined')]),
      redecide('rmm', 'declined'),
      'ALREADY_DONE',
    ],
    [
      'a declined application has nothing to suspend',
      () => adultAt([steps.managerDecline()]),
      ncc(),
      'WRONG_STAGE',
    ],
    ['an undecided application only records it', () => adultAt(), ncc(), 'v01.restrictionUpdated'],
    [
      'a second restriction while suspended is recorded, not suspended twice',
      () => approved([ncc()]),
      [
        people.staff,
        { type: 'v01.updateRestriction', restriction: 'protection-order', restrictionDetails: 'PO too' },
      ],
      'v01.restrictionUpdated',
    ],
  ];
  for (const [name, setup, [actor, command], expected] of rows)
    it(`${name} → ${expected}`, () =>
      assert.equal(attempt(v01Definition, setup(), actor, command), expected));

  it('after the GM approves with conditions again, visits resume on those conditions and the letters are due', () => {
    const r = approved([ncc(), exemption, redecide('gm', 'approved-with-conditions')]);
    assert.equal(visitsAllowed(r.app.state), true);
    assert.deepEqual(standingDecision(r.app.state)?.conditions, ['fully-supervised']);
    assert.notEqual(r.app.stage, 'suspended');
    const keys = requiredNotices(r.app.state, r.app.prisonerName).map((n) => n.key);
    assert.ok(keys.includes('redecision-1-visitor') && keys.includes('redecision-1-prisoner'), keys.join());
    const letter = v01NoticeText(r.app, 'redecision-1-visitor');
    assert.match(letter, /that approval was suspended and the application has been decided again/);
    assert.match(letter, /Fully supervised visits/);
    assert.ok(r.app.openTasks.every((t) => !t.key.startsWith('v01.redecision')));
  });

  it('after a decline the application stays declined, with the letter’s reasons in fixed words', () => {
    const r = approved([ncc(), redecide('rmm', 'declined')]);
    assert.equal(visitsAllowed(r.app.state), false);
    assert.equal(standingDecision(r.app.state)?.outcome, 'declined');
    const letter = v01NoticeText(r.app, 'redecision-1-visitor');
    assert.match(letter, /decided not to approve it/);
    assert.doesNotMatch(
      letter,
      /The new condition changes the risk/,
      'the decider’s reasons stay on the record',
    );
  });

  it('no first visit is arranged under a suspended approval (specified visitor induction)', () => {
    const r = runSpecified([ncc()]);
    assert.equal(
      attempt(v01Definition, r, people.staff, {
        type: 'v01.recordFollowUp',
        item: 'induction',
        date: '2026-03-10',
      }),
      'WRONG_STAGE',
    );
    assert.equal(
      attempt(v01Definition, runSpecified(), people.staff, {
        type: 'v01.recordFollowUp',
        item: 'induction',
        date: '2026-03-10',
      }),
      'v01.followUpRecorded',
    );
  });
});

function runSpecified(extra: Step[] = []): Run<V01State> {
  return adultAt([steps.managerApprove(), ...extra], { visitorType: 'specified' });
}
