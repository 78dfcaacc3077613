import { pendingFollowUps } from '../../services/workflows/v01/followUps';
import assert from 'node:assert/strict';
import { cardRenderers } from '../../cards/registry';
import { cppChildAt, people, steps } from '../fixtures/v01';
import { v01Definition } from '../../services/workflows/v01';
import { attempt } from './helpers';

/**
 * V.01.04.6–8, V.01.05.2: the general manager custodial enters the decision and any conditions in
 * the IOMS child visitor assessment screen. The bot gives the GM that task and records who did it
 * and when.
 */
describe('V.01.04.7 / V.01.05.2 the IOMS child visitor assessment screen', () => {
  const decided = () =>
    cppChildAt([
      ...steps.convene(),
      steps.assess(people.core1),
      steps.assess(people.core2),
      steps.gmApproveWithConditions(),
    ]);
  const record = { type: 'v01.recordFollowUp', item: 'ioms-child-assessment' };

  it('a panel decision is followed by the GM’s IOMS entry, as a task for the GM', () => {
    const r = decided();
    assert.ok(pendingFollowUps(r.app.state).includes('ioms-child-assessment'));
    const task = r.app.openTasks.find((t) => t.key === 'v01.ioms-child-assessment');
    assert.ok(task, 'the GM has a task');
    assert.deepEqual(task.roles, ['general-manager-custodial']);
    assert.match(task.label, /IOMS child visitor assessment screen/);
  });

  it('only the general manager custodial records it, once, with who and when', () => {
    const r = decided();
    assert.equal(attempt(v01Definition, r, people.staff, record), 'FORBIDDEN');
    assert.equal(attempt(v01Definition, r, people.gm, record), 'v01.followUpRecorded');
  });

  it('the GM’s notices card offers it', () => {
    const r = decided();
    const c = JSON.stringify(
      cardRenderers['v01.notices']!({ app: r.app, viewer: people.gm, now: r.now, params: {} }),
    );
    assert.match(c, /Decision and conditions entered in the IOMS child visitor assessment screen/);
  });
});
