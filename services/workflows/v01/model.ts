import type { Role } from '../../directory/roles';
import { MANAGER_DECIDERS } from '../../policy/v01';
import type { DeliveryMethod, Ground } from '../../policy/v01';
import type { Stamp } from '../../workflow/stamp';
import { openReviewOf } from '../../workflow/reviews';
import type { ProhibitionRecord } from '../../workflow/records';

/**
 * V.01 visitor applications: the recorded facts and what follows from them. Everything that
 * decides "may this happen now" is derived from these facts by pure functions, so a card, the
 * workflow and a property test all ask the same question the same way.
 */

export const V01_KIND = 'V01' as const;

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

/** Grounds where the applicant may first be given the chance to respond (V.01.03.4). */
export const RESPONSE_GROUNDS: readonly Ground[] = [
  'information-omitted',
  'information-false',
  'authority-refused',
  'guardian-no-consent',
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

export type Outcome = 'approved' | 'approved-with-conditions' | 'declined';
export const OUTCOME_LABELS: Record<Outcome, string> = {
  approved: 'Approved',
  'approved-with-conditions': 'Approved with conditions',
  declined: 'Declined',
};

/** What a prohibition order in force (read from the prohibition process) means for this application. */
export type OrderEffect = 'blocks' | 'elsewhere' | 'other-prisoners';

export interface OrderFinding {
  orderId: string;
  site: string;
  expiresOn: string;
  scope: ProhibitionRecord['scope'];
  effect: OrderEffect;
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
  /** Approvals suspended by a restriction recorded after the decision (V.01.01.4); absent in older records. */
  suspensions?: Suspension[];
}

/** The decision maker's decision again, after a suspension: approve with conditions or decline. */
export interface Redecision extends Stamp {
  outcome: 'approved-with-conditions' | 'declined';
  conditions: Condition[];
  conditionsOther?: string;
  grounds: Ground[];
  visitorReasons?: string;
  rationale: string;
}

/** V.01.01.4 after a decision: a new protection order or non-contact condition suspends the approval. */
export interface Suspension extends Stamp {
  n: number;
  restriction: Restriction;
  details?: string;
  redecision?: Redecision;
}

export function initialState(): V01State {
  return { restrictionUpdates: [], checks: {}, responseOffers: [], notices: {}, followUps: {}, reviews: [] };
}

export const GM: readonly Role[] = ['general-manager-custodial'];
export const PANEL_ROLES: readonly Role[] = ['advisory-panel-core', 'advisory-panel-guest'];
export const REVIEW_OFFICER: readonly Role[] = ['review-officer'];

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

/** Who decides (and decides again): the GM for a child before the advisory panel, else the managers. */
export function decidersFor(s: V01State): readonly Role[] {
  return route(s) === 'panel' ? GM : MANAGER_DECIDERS;
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
  return openReviewOf(s.reviews);
}

/** The decision that stands now: the original, or what the latest review left in place. */
export function standingDecision(
  s: V01State,
): Pick<Decision, 'outcome' | 'conditions' | 'conditionsOther'> | undefined {
  if (!s.decision) return undefined;
  // The latest in time of: a review that changed or confirmed it, a decision after a suspension.
  const later = [
    ...s.reviews.flatMap((r) =>
      r.result && r.result.outcome !== 'refuse' ? [{ at: r.result.at, standing: r.result.standing }] : [],
    ),
    ...(s.suspensions ?? []).flatMap((x) =>
      x.redecision ? [{ at: x.redecision.at, standing: x.redecision }] : [],
    ),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return later[later.length - 1]?.standing ?? s.decision;
}

/** The suspension still waiting for the decision maker, if any (V.01.01.4). */
export function openSuspension(s: V01State): Suspension | undefined {
  return (s.suspensions ?? []).find((x) => !x.redecision);
}

/** Whether visits may take place under this application now: a standing approval, not suspended. */
export function visitsAllowed(s: V01State): boolean {
  const standing = standingDecision(s);
  return !!standing && standing.outcome !== 'declined' && !openSuspension(s) && !s.withdrawn;
}

/** The core panel members: told of the application and shown it while it is before them. */
export function participants(s: V01State): string[] {
  return s.panel ? s.panel.coreMembers.map((m) => m.aadObjectId) : [];
}
