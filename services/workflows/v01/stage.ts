import { checksComplete, allCoreRecorded, openReview, restrictionBlock, route } from './model';
import type { V01State } from './model';
import { pendingFollowUps } from './followUps';

/** Where an application is up to, derived from its facts. */

export type V01Stage =
  | 'restricted'
  | 'oranga-tamariki'
  | 'forms'
  | 'awaiting-application'
  | 'checks'
  | 'routing'
  | 'panel-convening'
  | 'panel'
  | 'gm-decision'
  | 'in-person-panel'
  | 'manager-decision'
  | 'follow-up'
  | 'review'
  | 'done'
  | 'withdrawn';

export const STAGE_LABELS: Record<V01Stage, string> = {
  restricted: 'Waiting: contact restriction',
  'oranga-tamariki': 'Confirming Oranga Tamariki care',
  forms: 'Forms to send',
  'awaiting-application': 'Waiting for the completed application',
  checks: 'Pre-approval checks',
  routing: 'Child visitor: routing',
  'panel-convening': 'Advisory panel to convene',
  panel: 'Advisory panel assessing',
  'gm-decision': 'General manager custodial to decide',
  'in-person-panel': 'Referred to an in-person panel',
  'manager-decision': 'Reception/movements manager to decide',
  'follow-up': 'Decided: notices and follow-ups',
  review: 'Under review',
  done: 'Complete',
  withdrawn: 'Closed without a decision',
};

export function v01Stage(s: V01State): V01Stage {
  if (s.withdrawn) return 'withdrawn';
  if (s.decision) {
    if (openReview(s)) return 'review';
    return pendingFollowUps(s).length === 0 ? 'done' : 'follow-up';
  }
  if (restrictionBlock(s)) return 'restricted';
  if (s.nomination?.orangaTamarikiCare && !s.orangaTamariki) return 'oranga-tamariki';
  if (!s.formsSent) return 'forms';
  if (!s.applicationReceived) return 'awaiting-application';
  if (!checksComplete(s)) return 'checks';
  const r = route(s);
  if (r === 'undetermined') return 'routing';
  if (r === 'manager') return 'manager-decision';
  if (!s.panel) return 'panel-convening';
  if (!allCoreRecorded(s)) return 'panel';
  return s.referral ? 'in-person-panel' : 'gm-decision';
}

/** Closed once decided (or withdrawn) with no open review and nothing left to give or record. */
export function isClosed(s: V01State): boolean {
  if (!s.decision && !s.withdrawn) return false;
  return !openReview(s) && pendingFollowUps(s).length === 0;
}
