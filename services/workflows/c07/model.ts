import type { Role } from '../../directory/roles';
import type { ApplicationDoc } from '../../workflow/domain';
import type { Stamp } from '../../workflow/stamp';
import type { InvolvementScale } from './involvement';

/** The kinds of support hui named in C.07 (and C.07.04 for hui another agency organises). */
export const HUI_KINDS = {
  'whanau-hui': 'Whānau hui',
  'reintegration-hui': 'Reintegration hui',
  'support-planning': 'Support planning meeting',
  'restorative-justice': 'Restorative justice conference',
  'family-group-conference': 'Family group conference',
  'other-agency': 'Hui organised by another government agency',
} as const;
export type HuiKind = keyof typeof HUI_KINDS;

/** The six pillars of reintegration (reintegration-support.txt). */
export const PILLARS = {
  accommodation: 'Accommodation',
  education: 'Education and training',
  employment: 'Employment',
  'skills-for-life': 'Skills for life',
  oranga: 'Oranga: health and wellbeing',
  whanau: 'Family/whānau and community support',
} as const;
export type Pillar = keyof typeof PILLARS;

export const LOCATION_TYPES = {
  prison: 'Prison',
  'service-centre': 'Community corrections service centre',
  'provider-office': 'Service provider office',
  'agency-office': 'Other government agency office',
} as const;
export type LocationType = keyof typeof LOCATION_TYPES;

export const MODES = { 'in-person': 'In person', avl: 'AVL (audio-visual link)', phone: 'Phone' } as const;
export type Mode = keyof typeof MODES;

/** How a prisoner attends a hui another agency organises (C.07.04). */
export const AGENCY_ATTENDANCE = {
  'temporary-removal': 'Temporary removal',
  avl: 'AVL (audio-visual link)',
  phone: 'Phone conference',
} as const;
export type AgencyAttendance = keyof typeof AGENCY_ATTENDANCE;

/** A key of the hui's scale of pro-social involvement (C.07.02; see involvement.ts). */
export type InvolvementLevel = string;

export const CASE_MANAGER_ROLES: readonly Role[] = ['case-manager', 'principal-case-manager'];

export const ENTRY_STAFF_CHANNEL = 'entry-staff';

export const NOT_A_PRIVATE_VISIT =
  'A support hui is NOT a private visit: participants do not need to be approved visitors (C.07.03).';

export interface ConsentRecord extends Stamp {
  given: boolean;
}

export interface SuitabilityRecord extends Stamp {
  suitable: boolean;
  assessment: string;
  involvement: InvolvementLevel;
  /** The level as the scale named it when recorded (absent on records from before scales were configurable). */
  involvementLabel?: string;
  contactPlan: string;
  /** The third-party contact note the case manager enters in IOMS (C.07.02). */
  contactNote: string;
  iomsRecorded: boolean;
}

export interface SupportPerson {
  id: string;
  name: string;
  relationship: string;
  contact: string;
  /** YYYY-MM-DD, optional: with it a match to a V.01 prohibition order is certain, without it only flagged. */
  dateOfBirth?: string;
  /** The prisoner's consent to this person being contacted. */
  prisonerConsent?: ConsentRecord;
  /** This person's own consent to take part. */
  consent?: ConsentRecord;
  suitability?: SuitabilityRecord;
}

/** A case manager's or signing manager's answer to a name-only match (see supportChecks.ts). */
export interface MatchReview extends Stamp {
  key: string;
  personId: string;
  ref: string;
  /** True: the same person; false: dismissed as someone else. */
  confirmed: boolean;
  reason: string;
}

export interface ServiceProvider {
  id: string;
  organisation: string;
  person: string;
}

export interface Question {
  id: string;
  question: string;
  asked: Stamp;
  answer?: string;
  answered?: Stamp;
}

export interface SafetyMeasure extends Stamp {
  text: string;
}

export interface Schedule {
  /** NZ calendar date and local time as entered; `startsAt` is the UTC instant they name. */
  date: string;
  time: string;
  durationMinutes: number;
  startsAt: string;
  endsAt: string;
}

export interface AgencyDetails {
  agency: string;
  coordinator: string;
  coordinatorContact: string;
  /** Required for another agency's hui (C.07.04); for a family group conference when known. */
  attendance?: AgencyAttendance;
}

export interface SignOffRecord extends Stamp {
  round: number;
}

export interface HuiState {
  prisonerId: string;
  prisonerName: string;
  site: string;
  organiserId: string;
  organiserName: string;
  caseManagerId: string;
  huiKind: HuiKind;
  purpose: string;
  objectives: string;
  /** The site's scale of pro-social involvement when the hui started (absent: the default, see involvement.ts). */
  involvementScale?: InvolvementScale;
  /** The protective factors the hui builds on and maintains (C.07 introduction). */
  protectiveFactors?: string;
  pillars: Pillar[];
  schedule?: Schedule;
  locationType: LocationType;
  place: string;
  mode: Mode;
  correctionsStaff: string[];
  providers: ServiceProvider[];
  supportPeople: SupportPerson[];
  removedPeople: Array<SupportPerson & { removed: Stamp & { reason: string } }>;
  agency?: AgencyDetails;
  /** Restorative justice conference: the victim (or their representative) parties, named at the start. */
  victimParties?: Array<{ id: string; name: string; description: string }>;
  /** Restorative justice conference: informed consent of the prisoner, each victim party and each provider. */
  partyConsents: Record<string, ConsentRecord>;
  /** The round of sign-off being asked for; a change after sign-off starts a new round. */
  round: number;
  submitted: boolean;
  everSubmitted: boolean;
  signOff?: SignOffRecord;
  signOffs: SignOffRecord[];
  /** Once the entry-staff post exists, every later change and cancellation updates it. */
  entryPosted: boolean;
  questions: Question[];
  safetyMeasures: SafetyMeasure[];
  /** Reviews of support people's name-only matches to V.01 records (absent on huis from before the check). */
  matchReviews?: MatchReview[];
  reschedules: Array<Stamp & { reason: string; from: Schedule; to: Schedule }>;
  /** Copies of the signed-off notification given to entry staff outside Corrections' Teams (provider, agency). */
  externalCopies: Array<Stamp & { to: string; round: number }>;
  cancelled?: Stamp & { reason: string };
  outcome?: Stamp & { actions: string; iomsRecorded: boolean; supportNetwork?: string; safetyPlan?: string };
  nextId: number;
}

export type HuiApp = ApplicationDoc<HuiState>;

export type HuiStage = 'preparing' | 'awaiting-sign-off' | 'signed-off' | 'completed' | 'cancelled';

export const STAGE_LABELS: Record<HuiStage, string> = {
  preparing: 'Preparing: consents and suitability',
  'awaiting-sign-off': 'With the manager for sign-off',
  'signed-off': 'Signed off',
  completed: 'Held: outcome recorded',
  cancelled: 'Cancelled',
};

export function huiStage(s: HuiState): HuiStage {
  if (s.cancelled) return 'cancelled';
  if (s.outcome) return 'completed';
  if (s.signOff) return 'signed-off';
  if (s.submitted) return 'awaiting-sign-off';
  return 'preparing';
}

export function isClosed(s: HuiState): boolean {
  return s.cancelled !== undefined || s.outcome !== undefined;
}

/** The entry-staff post of one hui: every later message with this key edits that post. */
export function entryThreadKey(applicationId: string): string {
  return `C07:${applicationId}:entry-staff`;
}

export function initialState(): HuiState {
  return {
    prisonerId: '',
    prisonerName: '',
    site: '',
    organiserId: '',
    organiserName: '',
    caseManagerId: '',
    huiKind: 'whanau-hui',
    purpose: '',
    objectives: '',
    pillars: [],
    locationType: 'prison',
    place: '',
    mode: 'in-person',
    correctionsStaff: [],
    providers: [],
    supportPeople: [],
    removedPeople: [],
    partyConsents: {},
    round: 1,
    submitted: false,
    everSubmitted: false,
    signOffs: [],
    entryPosted: false,
    questions: [],
    safetyMeasures: [],
    matchReviews: [],
    reschedules: [],
    externalCopies: [],
    nextId: 1,
  };
}

/** Prison director (or delegate) for a prison or another agency's hui; service manager for community sites. */
export function managerRoleFor(s: Pick<HuiState, 'locationType' | 'huiKind'>): Role {
  if (s.huiKind === 'other-agency') return 'prison-director';
  return s.locationType === 'prison' || s.locationType === 'agency-office'
    ? 'prison-director'
    : 'service-manager';
}

export function isRestorativeJustice(s: Pick<HuiState, 'huiKind'>): boolean {
  return s.huiKind === 'restorative-justice';
}

/** Support people who may appear in the notification: both consents given and assessed suitable. */
export function isCleared(p: SupportPerson): boolean {
  return p.prisonerConsent?.given === true && p.consent?.given === true && p.suitability?.suitable === true;
}

/** What still stands between the hui and the manager, as sentences for the case manager. */
export function outstanding(s: HuiState): string[] {
  const out: string[] = [];
  for (const p of s.supportPeople) {
    if (!p.prisonerConsent) out.push(`${p.name}: the prisoner's consent to contact them is not recorded.`);
    else if (!p.prisonerConsent.given)
      out.push(`${p.name}: the prisoner did not consent to contact; remove them.`);
    else if (!p.consent) out.push(`${p.name}: their consent to take part is not recorded.`);
    else if (!p.consent.given) out.push(`${p.name}: they declined to take part; remove them.`);
    else if (!p.suitability) out.push(`${p.name}: the suitability assessment is not recorded.`);
    else if (!p.suitability.suitable) out.push(`${p.name}: assessed as not suitable; remove them.`);
  }
  if (isRestorativeJustice(s)) {
    for (const party of rjParties(s)) {
      const c = s.partyConsents[party.id];
      if (!c) out.push(`${party.label}: informed consent to the conference is not recorded.`);
      else if (!c.given)
        out.push(`${party.label}: did not give informed consent; the conference cannot go ahead with them.`);
    }
  }
  return out;
}

/**
 * The parties to a restorative justice conference whose informed consent is recorded here; support
 * people's consent is their own consent to take part, recorded with them.
 */
export function rjParties(
  s: Pick<HuiState, 'prisonerName' | 'providers' | 'victimParties'>,
): Array<{ id: string; label: string }> {
  return [
    { id: 'prisoner', label: `${s.prisonerName} (the prisoner)` },
    ...(s.victimParties ?? []).map((v) => ({
      id: v.id,
      label: `${v.name} (victim party: ${v.description})`,
    })),
    ...s.providers.map((p) => ({ id: p.id, label: `${p.person} (${p.organisation})` })),
  ];
}

/** A provider's or agency's own reception is not on the bot's channels: the case manager gives them the copy. */
export function needsExternalCopy(s: Pick<HuiState, 'locationType'>): boolean {
  return s.locationType === 'provider-office' || s.locationType === 'agency-office';
}

export function huiTitle(s: Pick<HuiState, 'huiKind' | 'prisonerName'>): string {
  return `${HUI_KINDS[s.huiKind]} for ${s.prisonerName}`;
}
