import { DESIGNATED_STAFF } from '../../policy/v01';
import { alreadyDone, invalid, requireRole, wrongStage } from '../../workflow/guards';
import type { Handler } from './decision';
import { EV } from './evolve';
import { GM, currentRestriction, decidersFor, isChild, openSuspension, standingDecision } from './model';
import { checkOrders, requireNotProhibited } from './prohibitionCheck';
import { requireNotBlocked, requireOpen } from './rules';

/**
 * V.01.01.4 after the decision: a protection order or non-contact condition that appears once a
 * visit is approved. Recording it suspends the approval (no visits under it) and sends the
 * application back to the decision maker, who decides again: approve with conditions (the general
 * manager custodial, V.01.05) or decline. Before the decision the same command only records it.
 */

export const updateRestriction: Handler<'v01.updateRestriction'> = (app, c, { actor }) => {
  const s = app.state;
  requireRole(actor, DESIGNATED_STAFF, app.site);
  requireOpen(s);
  if (c.restriction === currentRestriction(s)) wrongStage('That restriction is already recorded.');
  const updated = {
    type: EV.restrictionUpdated,
    payload: { restriction: c.restriction, details: c.restrictionDetails },
  };
  const standing = standingDecision(s);
  // Undecided, already suspended, or a restriction lifted: the change is recorded, nothing more.
  if (!standing || openSuspension(s) || c.restriction === 'none') return [updated];
  if (standing.outcome === 'declined')
    wrongStage(
      'This application was declined: no visits are approved under it, so there is nothing to suspend. Record the restriction on any new application.',
    );
  const n = (s.suspensions ?? []).length + 1;
  return [
    updated,
    {
      type: EV.approvalSuspended,
      payload: {
        n,
        restriction: c.restriction,
        ...(c.restrictionDetails ? { details: c.restrictionDetails } : {}),
      },
    },
  ];
};

export const redecide: Handler<'v01.redecide'> = (app, c, { actor, records }) => {
  const s = app.state;
  requireRole(actor, decidersFor(s), app.site);
  const open = openSuspension(s);
  if (!open) {
    const last = (s.suspensions ?? []).at(-1);
    if (last?.redecision)
      alreadyDone('The decision after the new restriction was already recorded', last.redecision);
    wrongStage('The approval is not suspended: there is nothing to decide again.');
  }
  requireOpen(s);
  if (c.outcome === 'approved-with-conditions') {
    // V.01.05 and V.01.10.2: conditions are set by the general manager custodial.
    requireRole(actor, GM, app.site);
    if (c.conditions.length === 0 && !c.conditionsOther)
      invalid('conditions', 'Choose at least one condition or describe one');
    if (c.grounds.length > 0) invalid('grounds', 'Grounds are for a decline only');
    requireNotBlocked(s);
    requireNotProhibited(checkOrders(records, app));
  } else {
    if (c.grounds.length === 0) invalid('grounds', 'A decline must cite at least one V.01.03 ground');
    if (c.grounds.includes('guardian-no-consent') && !isChild(s))
      invalid('grounds', 'Guardian consent applies to a child visitor only');
  }
  if (c.visitorReasons && !c.privacyChecked)
    invalid(
      'privacyChecked',
      'Confirm the words for the visitor say nothing private about the prisoner or any victim',
    );
  const conditions = c.outcome === 'approved-with-conditions';
  return [
    {
      type: EV.redecided,
      payload: {
        n: open.n,
        outcome: c.outcome,
        conditions: conditions ? c.conditions : [],
        ...(conditions && c.conditionsOther ? { conditionsOther: c.conditionsOther } : {}),
        grounds: conditions ? [] : c.grounds,
        ...(c.visitorReasons ? { visitorReasons: c.visitorReasons } : {}),
        rationale: c.rationale,
      },
    },
  ];
};
