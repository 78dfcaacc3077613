import type { Role } from '../../directory/roles';
import { GM, isSpecifiedFamily, standingDecision } from './model';
import type { Outcome, V01State } from './model';

/** The letters a decision, review or closure requires, and the records staff make elsewhere (IOMS, APPE). */

/** A letter or notice someone must give or send, with the form it is and who receives it. */
export interface RequiredNotice {
  key: string;
  form: string;
  recipient: string;
  to: 'visitor' | 'prisoner';
}

/** Records staff make in other systems (IOMS, APPE) and the specified-visitor steps. */
export interface RequiredFollowUp {
  key: string;
  label: string;
  needsDate?: boolean;
  /** Another follow-up that must be recorded first. */
  after?: string;
  /** Who records it, when not the designated staff and managers. */
  roles?: readonly Role[];
}

export function visitorRecipient(s: V01State): string {
  const n = s.nomination;
  if (!n) return 'the visitor';
  if (n.visitorType === 'private-child') {
    if (s.orangaTamariki?.inCare)
      return `${s.orangaTamariki.socialWorkerName ?? 'the assigned social worker'} (Oranga Tamariki social worker, by secure email)`;
    if (n.consenter)
      return `${n.consenter.name} (${n.consenter.kind === 'guardian' ? 'guardian' : n.consenter.relationship}), ${n.consenter.address}`;
  }
  return `${n.visitor.name}, ${n.visitor.address}`;
}

export function visitorNoticeForm(s: V01State, outcome: Outcome): string {
  const t = s.nomination?.visitorType ?? 'private-adult';
  if (isSpecifiedFamily(t)) {
    return outcome === 'declined'
      ? 'V.01.Form.06 Specified visitor decline notification'
      : 'V.01.Form.04 Specified visitor approval notification';
  }
  if (outcome === 'declined') return 'V.01.Form.01.08 Private Visitor – Deny Approval Notification';
  if (t === 'private-child') {
    return outcome === 'approved'
      ? 'V.01.Form.01.06 Child Visitor Approval Notification'
      : 'V.01.Form.01.07 Child Visitor Approval Notification – with conditions';
  }
  return outcome === 'approved'
    ? 'V.01.Form.01.04 Private Visitor Approval Notification'
    : 'V.01.Form.01.05 Private Visitor Approval Notification – with conditions';
}

export function requiredNotices(s: V01State, prisonerName: string): RequiredNotice[] {
  const out: RequiredNotice[] = [];
  if (s.orangaTamariki && !s.orangaTamariki.inCare) {
    out.push({
      key: 'ot-not-in-care',
      form: 'Advice that the child is not in Oranga Tamariki care',
      recipient: prisonerName,
      to: 'prisoner',
    });
  }
  if (s.withdrawn) {
    out.push({
      key: 'closed-prisoner',
      form: 'Advice that the application was closed',
      recipient: prisonerName,
      to: 'prisoner',
    });
    return out;
  }
  if (!s.decision) return out;
  out.push({
    key: 'decision-visitor',
    form: visitorNoticeForm(s, s.decision.outcome),
    recipient: visitorRecipient(s),
    to: 'visitor',
  });
  out.push({
    key: 'decision-prisoner',
    form: 'V.01.Form.01.10 Visitor Application Decision – Notification to Prisoner (copy on the prisoner’s file)',
    recipient: prisonerName,
    to: 'prisoner',
  });
  for (const r of s.reviews) {
    if (!r.result) continue;
    out.push({
      key: `review-${r.n}-visitor`,
      form: 'Review outcome letter (Director Office of the Commissioner Custodial Services)',
      recipient: visitorRecipient(s),
      to: 'visitor',
    });
    out.push({
      key: `review-${r.n}-prisoner`,
      form: 'Review outcome letter (copy for the prisoner)',
      recipient: prisonerName,
      to: 'prisoner',
    });
  }
  return out;
}

export function requiredFollowUps(s: V01State): RequiredFollowUp[] {
  if (!s.decision || !s.nomination) return [];
  const out: RequiredFollowUp[] = [];
  const specified = isSpecifiedFamily(s.nomination.visitorType);
  // V.01.06.1–2: panel decisions populate IOMS from the child visitor assessment screen themselves.
  if (specified)
    out.push({
      key: 'outcome-entered',
      label: 'Status and outcome entered in APPE (Approved Provider Prison Entry)',
    });
  else if (s.decision.via === 'manager')
    out.push({ key: 'outcome-entered', label: 'Status and outcome entered in IOMS' });
  // V.01.04.7–8, V.01.05.2: the GM enters a panel decision and its conditions in IOMS themselves.
  else
    out.push({
      key: 'ioms-child-assessment',
      label:
        'Decision and conditions entered in the IOMS child visitor assessment screen (V.01.04.7, V.01.05.2)',
      roles: GM,
    });
  const standing = standingDecision(s);
  if (specified && standing && standing.outcome !== 'declined') {
    out.push({
      key: 'code-of-conduct',
      label: 'Copy of the Code of Conduct sent with the approval notification',
    });
    out.push({
      key: 'induction',
      label: 'Health and safety and site induction booked for the first visit',
      needsDate: true,
    });
    out.push({ key: 'entry-card', label: 'APPE entry card issued', after: 'induction' });
  }
  for (const r of s.reviews) {
    if (r.result && r.requestedBy === 'prisoner') {
      out.push({
        key: `review-${r.n}-complaint`,
        label: `Review ${r.n}: section C of the prisoner’s IOMS complaint completed (V.01.07.9)`,
      });
    }
    if (r.result && r.result.outcome !== 'refuse' && r.result.outcome !== 'confirm') {
      out.push({
        key: `review-${r.n}-ioms`,
        label: `Review ${r.n}: changed outcome entered in the IOMS Visitor Applications screen`,
      });
    }
  }
  return out;
}

export function pendingFollowUps(s: V01State): string[] {
  const notices = requiredNotices(s, '')
    .filter((n) => !s.notices[n.key])
    .map((n) => n.key);
  const follow = requiredFollowUps(s)
    .filter((f) => !s.followUps[f.key])
    .map((f) => f.key);
  return [...notices, ...follow];
}
