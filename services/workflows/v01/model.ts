import type { Role } from '../../directory/roles';
import type { OrderFinding } from './prohibitionCheck';

/**
 * V.01 visitor applications: the recorded facts and what follows from them. Everything that
 * decides "may this happen now" is derived from these facts by pure functions, so a card, the
 * workflow and a property test all ask the same question the same way.
 */

export const VISITOR_TYPES = {
  'private-adult': 'Private visitor (adult)',
  'private-child': 'Private visitor (child under 18)',
  specified: 'Specified visitor',
  kaiwhakamana: 'Kaiwhakamana visitor',
  'fautua-pasefika': 'Fautua Pasefika visitor',
  volunteer: 'Volunteer',
} as const;
export type VisitorType = keyof typeof VISITOR_TYPES;

/** Kaiwhakamana, Fautua Pasefika and volunteer applications follow the specified-visitor steps (V.01.10–11). */
export function isSpecifiedFamily(t: VisitorType): boolean {
  return t === 'specified' || t === 'kaiwhakamana' || t === 'fautua-pasefika' || t === 'volunteer';
}

export const RESTRICTIONS = {
  none: 'None',
  'protection-order': 'Protection order (visitor is the protected person)',
  'restraining-order': 'Restraining order (visitor is the protected person)',
  'non-contact-condition': 'Non-contact condition',
} as const;
export type Restriction = keyof typeof RESTRICTIONS;

/** V.01.03 grounds. Keys are stable; labels are what staff pick from; `notice` is the wording a visitor reads. */
export const GROUNDS = {
  'purpose-not-relationship': {
    para: 'V.01.03.2',
    label: 'The visit is not likely to maintain family and social relationships that support reintegration',
    notice:
      'the purpose of the visit is not likely to maintain the prisoner’s family and social relationships in a way that supports their reintegration on release',
  },
  'information-omitted': {
    para: 'V.01.03.3.1',
    label: 'Failed or refused to provide information (reg 106A/106B)',
    notice:
      'information required under regulations 106A or 106B of the Corrections Regulations 2005 was not provided',
  },
  'information-false': {
    para: 'V.01.03.3.2',
    label: 'Information provided is reasonably believed to be false',
    notice: 'information provided with the application is reasonably believed to be false',
  },
  'authority-refused': {
    para: 'V.01.03.3.3',
    label: 'Refused authority to access official records for checks',
    notice: 'authority to check the information given against official records was not provided',
  },
  'guardian-no-consent': {
    para: 'V.01.03.3.4',
    label: 'The child’s guardian does not consent to the visit',
    notice: 'the child’s guardian has not consented to the visit',
  },
  'security-good-order': {
    para: 'V.01.03.5.1',
    label: 'Likely to adversely affect the security, discipline or good order of the prison',
    notice: 'a visit is likely to adversely affect the security, discipline or good order of the prison',
  },
  'prisoner-welfare': {
    para: 'V.01.03.5.2',
    label: 'Likely to adversely affect the prisoner’s welfare, rehabilitation or safety',
    notice:
      'a visit is likely to adversely affect the welfare, chances of successful rehabilitation, or safety of the prisoner',
  },
  'person-safety': {
    para: 'V.01.03.5.3',
    label:
      'Likely to adversely affect the welfare or safety of any person in the prison, including the visitor',
    notice:
      'a visit is likely to adversely affect the welfare or safety of a person in the prison, including the visitor',
  },
  'prohibited-elsewhere': {
    para: 'V.01.03.6',
    label: 'Currently prohibited from visiting another prison',
    notice: 'the visitor is currently prohibited from visiting another prison',
  },
} as const;
export type Ground = keyof typeof GROUNDS;
export const GROUND_KEYS = Object.keys(GROUNDS) as Ground[];
/** Grounds where the applicant may first be given the chance to respond (V.01.03.4). */
export const RESPONSE_GROUNDS: readonly Ground[] = [
  'information-omitted',
  'information-false',
  'authority-refused',
  'guardian-no-consent',
];
/** Grounds that support a prohibition order (V.01.08.1 refers to V.01.03.5). */
export const PROHIBITION_GROUNDS: readonly Ground[] = [
  'security-good-order',
  'prisoner-welfare',
  'person-safety',
];

export const CONDITIONS = {
  'non-contact': 'Non-contact visits',
  booth: 'Booth visits',
  avl: 'Audio Visual Link (AVL) visits',
  'fully-supervised': 'Fully supervised visits',
} as const;
export type Condition = keyof typeof CONDITIONS;

export const CHECK_ITEMS = {
  'form-complete': { para: 'V.01.02.1.1', label: 'The application form is fully completed' },
  identification: { para: 'V.01.02.1.2', label: 'The correct identification evidence has been provided' },
  authority: {
    para: 'V.01 criteria 2',
    label: 'Authority to access official records has been given (or refused)',
  },
  'visitor-entered': {
    para: 'V.01.02.1.3',
    label: 'The visitor’s details are entered in IOMS (Minor selected for a child)',
  },
  'security-checks': { para: 'V.01.02.1.4', label: 'Security checks in IOMS visitor records' },
  'identities-queried': { para: 'V.01.02.1.5', label: 'Relevant identities found with Query Identity' },
  'conviction-history': {
    para: 'V.01.02.1.6',
    label: 'Conviction History and Active Charges checked (Police Identity Screen)',
  },
  'further-information': {
    para: 'V.01.02.1.7',
    label: 'Matters needing further information or investigation identified',
  },
} as const;
export type CheckItem = keyof typeof CHECK_ITEMS;
export const CHECK_ITEM_KEYS = Object.keys(CHECK_ITEMS) as CheckItem[];

export type DeliveryMethod = 'by-hand' | 'post' | 'secure-email' | 'email' | 'recorded';
export const DELIVERY_METHODS: Record<DeliveryMethod, string> = {
  'by-hand': 'Given by hand',
  post: 'Posted to the last known address',
  'secure-email': 'Sent by secure email (SEEmail)',
  email: 'Emailed',
  recorded: 'Entered in IOMS / recorded',
};

export type Outcome = 'approved' | 'approved-with-conditions' | 'declined';
export const OUTCOME_LABELS: Record<Outcome, string> = {
  approved: 'Approved',
  'approved-with-conditions': 'Approved with conditions',
  declined: 'Declined',
};

/** Who did something and when (ISO, UTC). */
export interface Stamp {
  byId: string;
  by: string;
  at: string;
}

export interface Person {
  aadObjectId: string;
  name: string;
}

export interface Nomination {
  cppAlert: boolean;
  visitorType: VisitorType;
  visitor: {
    name: string;
    dateOfBirth: string;
    minor: boolean;
    address: string;
    gender?: string;
    relationship?: string;
    /** The IOMS visitor id, when the visitor has one. */
    visitorId?: string;
  };
  /** For a child: who consents. 'other' carries why the guardian is unavailable or unsuitable (V.01.01.5). */
  consenter?: {
    kind: 'guardian' | 'other';
    name: string;
    relationship: string;
    address: string;
    reason?: string;
  };
  orangaTamarikiCare: boolean;
  restriction: Restriction;
  restrictionDetails?: string;
  prohibitedElsewhere?: { site: string; until?: string; details?: string; source: 'staff' | 'directory' };
  /** Prohibition orders in force against the visitor when the application was started (audited). */
  ordersAtStart?: OrderFinding[];
}

export interface CheckRecord extends Stamp {
  note?: string;
  authorityGiven?: boolean;
  security?: {
    everImprisoned: boolean;
    imprisonedWhen?: string;
    onBail: boolean;
    convictedLastTwoYears: boolean;
  };
  furtherInformation?: { to: 'none' | 'general-manager' | 'advisory-panel'; details?: string };
}

export type PanelRecommendation = 'approve' | 'approve-with-conditions' | 'decline' | 'in-person-panel';
export const PANEL_RECOMMENDATIONS: Record<PanelRecommendation, string> = {
  approve: 'Approve',
  'approve-with-conditions': 'Approve with conditions',
  decline: 'Decline',
  'in-person-panel': 'Consider at an in-person panel',
};

export interface PanelEntry extends Stamp {
  member: 'core' | 'guest';
  assessment: string;
  recommendation: PanelRecommendation;
  suggestedConditions?: string;
}

export interface Decision extends Stamp {
  outcome: Outcome;
  conditions: Condition[];
  conditionsOther?: string;
  grounds: Ground[];
  /** Extra words for the visitor's notice, confirmed by the decider to hold nothing private. */
  visitorReasons?: string;
  rationale: string;
  via: 'manager' | 'general-manager' | 'in-person-panel';
  panelMeetingNote?: string;
}

export type ReviewOutcome = 'confirm' | 'reverse' | 'modify' | 'refuse';
export const REVIEW_OUTCOMES: Record<ReviewOutcome, string> = {
  confirm: 'Confirm the decision',
  reverse: 'Reverse the decision',
  modify: 'Modify the decision',
  refuse: 'Refuse to review (substantially the same as an earlier review, no material change)',
};

export interface Review {
  n: number;
  requestedBy: 'visitor' | 'prisoner';
  receivedOn: string;
  channel: 'email' | 'post' | 'by-hand' | 'complaint';
  complaintRef?: string;
  reasons: string;
  dueAt: string;
  recorded: Stamp;
  /** The decision under review, as it stood when the request arrived. */
  reviewing: Outcome;
  result?: Stamp & {
    outcome: ReviewOutcome;
    reasons: string;
    earlierReview?: string;
    /** The decision that stands after this review. */
    standing: Pick<Decision, 'outcome' | 'conditions' | 'conditionsOther'>;
  };
}

export interface V01State {
  nomination?: Nomination;
  started?: Stamp;
  protectedContact?: Stamp & { contactedOn: string; how: string; details: string };
  courtExemption?: Stamp & { reference: string; details: string };
  restrictionUpdates: Array<Stamp & { restriction: Restriction; details?: string }>;
  cppAlertAdded?: Stamp;
  orangaTamariki?: Stamp & { inCare: boolean; socialWorkerName?: string; socialWorkerEmail?: string };
  formsSent?: Stamp & { to: string; method: DeliveryMethod };
  applicationReceived?: Stamp & { method: string };
  checks: Partial<Record<CheckItem, CheckRecord>>;
  riskCheck?: Stamp & { otherRiskSigns: string };
  managerConsulted?: Stamp & { manager: string; advice: 'panel' | 'no-panel'; note: string };
  routing?: Stamp & {
    to: 'panel' | 'manager';
    recommendation?: 'approve' | 'deny' | 'prohibit';
    reasons: string;
  };
  panel?: { convened: Stamp; coreMembers: Person[]; entries: Record<string, PanelEntry> };
  responseOffers: Array<Stamp & { grounds: Ground[]; details: string; response?: Stamp & { text: string } }>;
  referral?: Stamp & { rationale: string };
  decision?: Decision;
  notices: Record<string, Stamp & { method: DeliveryMethod }>;
  followUps: Record<string, Stamp & { note?: string; date?: string }>;
  reviews: Review[];
  withdrawn?: Stamp & { reason: string };
}

export function initialV01State(): V01State {
  return { restrictionUpdates: [], checks: {}, responseOffers: [], notices: {}, followUps: {}, reviews: [] };
}

/** Staff who process visitor applications at a site ("designated staff" in V.01.02). */
export const DESIGNATED_STAFF: readonly Role[] = [
  'entry-staff',
  'principal-corrections-officer',
  'reception-movements-manager',
  'general-manager-custodial',
];
export const MANAGER_DECIDERS: readonly Role[] = ['reception-movements-manager', 'general-manager-custodial'];
export const GM: readonly Role[] = ['general-manager-custodial'];
export const PANEL_ROLES: readonly Role[] = ['advisory-panel-core', 'advisory-panel-guest'];
export const REVIEW_OFFICER: readonly Role[] = ['review-officer'];

/** Under 18 on `onNzDate` (YYYY-MM-DD, New Zealand). A 29 February birthday counts from 1 March, keeping the child protections longer. */
export function isMinorOn(dateOfBirth: string, onNzDate: string): boolean {
  const [y, rest] = [Number(dateOfBirth.slice(0, 4)), dateOfBirth.slice(4)];
  return onNzDate < `${String(y + 18).padStart(4, '0')}${rest}`;
}

export function currentRestriction(s: V01State): Restriction {
  const last = s.restrictionUpdates[s.restrictionUpdates.length - 1];
  return last ? last.restriction : (s.nomination?.restriction ?? 'none');
}

export function isChild(s: V01State): boolean {
  return s.nomination?.visitorType === 'private-child';
}

export function cppAlert(s: V01State): boolean {
  return Boolean(s.nomination?.cppAlert || s.cppAlertAdded);
}

/**
 * Why nothing may go out or be decided yet because of a contact restriction, or undefined.
 * A non-contact condition blocks everything unless a court exemption is recorded; a protection
 * or restraining order blocks until the protected person has contacted the prison themselves.
 */
export function restrictionBlock(s: V01State): 'non-contact' | 'awaiting-protected-person' | undefined {
  const r = currentRestriction(s);
  if (r === 'non-contact-condition') return s.courtExemption ? undefined : 'non-contact';
  if (r === 'protection-order' || r === 'restraining-order')
    return s.protectedContact ? undefined : 'awaiting-protected-person';
  return undefined;
}

export function checksComplete(s: V01State): boolean {
  return CHECK_ITEM_KEYS.every((k) => s.checks[k] !== undefined);
}

/** Where the application goes to be decided; a CPP-alert child always goes to the panel. */
export function route(s: V01State): 'panel' | 'manager' | 'undetermined' {
  if (!isChild(s)) return 'manager';
  if (cppAlert(s)) return 'panel';
  if (!s.routing) return 'undetermined';
  return s.routing.to;
}

export function outstandingCore(s: V01State): Person[] {
  if (!s.panel) return [];
  const entries = s.panel.entries;
  return s.panel.coreMembers.filter((m) => entries[m.aadObjectId]?.member !== 'core');
}

export function allCoreRecorded(s: V01State): boolean {
  return s.panel !== undefined && s.panel.coreMembers.length > 0 && outstandingCore(s).length === 0;
}

export function openResponseOffer(s: V01State): V01State['responseOffers'][number] | undefined {
  return s.responseOffers.find((o) => !o.response);
}

export function openReview(s: V01State): Review | undefined {
  return s.reviews.find((r) => !r.result);
}

/** The decision that stands now: the original, or what the latest review left in place. */
export function standingDecision(
  s: V01State,
): Pick<Decision, 'outcome' | 'conditions' | 'conditionsOther'> | undefined {
  if (!s.decision) return undefined;
  const reviewed = [...s.reviews].reverse().find((r) => r.result && r.result.outcome !== 'refuse');
  return reviewed?.result ? reviewed.result.standing : s.decision;
}

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
