import type { Role } from '../../directory/roles';
import type { Stamp } from '../../workflow/stamp';

/**
 * F.17 suitability to mix: who does what (F.17.02 table), the sections of F.17.Form.01, and
 * the state an assessment is folded into. Shared by the definition and the cards.
 */

export const F17_KIND = 'F17' as const;
/** Assessment ids: MIX-2026-00042. */
export const F17_ID_PREFIX = 'MIX';

/** F.17.02: "driven by the prisoner's case manager or case officer"; the first row of the table. */
export const CASE_ROLES: readonly Role[] = ['case-manager', 'principal-case-manager', 'case-officer'];
export const REVIEW_ROLES: readonly Role[] = ['custodial-systems-manager', 'security-manager'];
export const DECISION_ROLES: readonly Role[] = ['general-manager-custodial'];
/** Who sees the restricted intelligence section (F.17.02 Intelligence row; reviewers and the decision maker). */
export const INTELLIGENCE_VIEWERS: readonly Role[] = [
  'intelligence',
  'custodial-systems-manager',
  'security-manager',
  'general-manager-custodial',
];
/** Everyone with a part in F.17 at the site: they may read the (unrestricted) section answers. */
export const ASSESSMENT_ROLES: readonly Role[] = [
  'case-manager',
  'principal-case-manager',
  'case-officer',
  'principal-corrections-officer',
  'intelligence',
  'psychologist',
  'health',
  'pou-arahi',
  'custodial-systems-manager',
  'security-manager',
  'general-manager-custodial',
];
/** F.17.05 requests are handled by the case manager; the decision maker may also produce the disclosure. */
export const DISCLOSURE_ROLES: readonly Role[] = ['case-manager', 'general-manager-custodial'];
/** F.17.03: "the prisoner's case officer or case manager must ..." */
export const FOLLOW_UP_ROLES: readonly Role[] = CASE_ROLES;

export const PROGRAMME_KINDS = [
  'medical',
  'social',
  'therapeutic',
  'psychological',
  'te ao Māori',
  'cultural',
  'educational',
  'employment-related',
  'religion-based',
  'reintegrative',
] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

export type SectionKey =
  'caseManagement' | 'unit' | 'intelligence' | 'psychology' | 'health' | 'pouArahi' | 'other';
export const SECTION_KEYS: readonly SectionKey[] = [
  'caseManagement',
  'unit',
  'intelligence',
  'psychology',
  'health',
  'pouArahi',
  'other',
];

export interface FieldSpec {
  id: string;
  label: string;
  kind: 'text' | 'yesno';
  required: boolean;
  /** Non-association information: withheld from Privacy Act disclosures (F.17.05). */
  nonAssociation?: boolean;
}

export interface SectionSpec {
  key: SectionKey;
  title: string;
  /** Who answers. Empty for `other`: only people the case manager named may. */
  roles: readonly Role[];
  required: boolean;
  restricted: boolean;
  fields: FieldSpec[];
}

/** A written answer, required unless `more` says otherwise. */
function text(
  id: string,
  label: string,
  more: Pick<FieldSpec, 'required' | 'nonAssociation'> = { required: true },
): FieldSpec {
  return { id, label, kind: 'text', ...more };
}

/** A section anyone of `roles` may add, that the review does not wait for: one written answer. */
function optionalSection(key: SectionKey, title: string, roles: readonly Role[]): SectionSpec {
  const fields = [text('furtherInput', 'Information relevant to this prisoner mixing for the programme')];
  return { key, title, roles, required: false, restricted: false, fields };
}

export const SECTIONS: Record<SectionKey, SectionSpec> = {
  caseManagement: {
    key: 'caseManagement',
    title: 'Case management',
    roles: ['case-manager', 'principal-case-manager'],
    required: true,
    restricted: false,
    fields: [
      text('categoriesMixedWith', 'Categories and classifications of the prisoners they would mix with'),
      {
        id: 'withoutMixing',
        label: 'Can the prisoner complete the programme without mixing with sentenced prisoners?',
        kind: 'yesno',
        required: true,
      },
      text('withoutMixingDetail', 'Why (or why not)'),
      text('motivation', 'Consent and motivation'),
      text('reintegrationNeeds', 'Reintegration needs identified'),
      text('promotesReintegration', 'How the programme will promote their reintegration into the community'),
    ],
  },
  unit: {
    key: 'unit',
    title: 'Unit staff',
    roles: ['case-officer', 'principal-corrections-officer'],
    required: true,
    restricted: false,
    fields: [
      text('observations', 'Unit staff observations'),
      text('behaviour', 'Behaviour and compliance'),
      text('misconducts', 'Misconducts and incidents'),
      text('alerts', 'Relevant alerts'),
      text(
        'nonAssociations',
        'Non-associations with other prisoners (withheld from Privacy Act disclosures)',
        {
          required: false,
          nonAssociation: true,
        },
      ),
      text('otherIssues', 'Any other issues that may affect mixing', { required: false }),
    ],
  },
  intelligence: {
    key: 'intelligence',
    title: 'Intelligence (restricted)',
    roles: ['intelligence'],
    required: true,
    restricted: true,
    fields: [
      text('risksMixing', 'Risks identified that may affect mixing'),
      text('risksOtherPrisoners', 'Risks with other prisoners'),
    ],
  },
  psychology: optionalSection('psychology', 'Psychological services (optional)', ['psychologist']),
  health: optionalSection('health', 'Health services (optional)', ['health']),
  pouArahi: optionalSection('pouArahi', 'Pou Arahi (optional)', ['pou-arahi']),
  other: optionalSection('other', 'Further input (optional)', []),
};

export const REQUIRED_SECTIONS: readonly SectionKey[] = SECTION_KEYS.filter((k) => SECTIONS[k].required);
/** Sections sent to role holders at the site when consent is recorded. */
export const ROLE_SECTIONS: readonly SectionKey[] = SECTION_KEYS.filter((k) => SECTIONS[k].roles.length > 0);

export interface Facilitator {
  aadObjectId?: string;
  name?: string;
}

export interface F17Details {
  prisonerId: string;
  prisonerName: string;
  accusedStatus: 'remand';
  /** YYYY-MM-DD */
  courtDate: string;
  gangStatus: string;
  rmtStatus: string;
  rmtLevel: string;
  programmeName: string;
  programmeKind: ProgrammeKind;
  participants: number;
  facilitator: Facilitator;
  location: string;
  site: string;
}

export type Answers = Record<string, string>;

export interface SectionRecord {
  /** A SectionKey, or `other:<aadObjectId>` for a person the case manager named. */
  key: string;
  draft?: { answers: Answers; by: Stamp };
  submitted?: { answers: Answers; by: Stamp; seq: number };
}

export interface Contributor {
  aadObjectId: string;
  name: string;
  description: string;
  namedBy: Stamp;
}

export type Recommendation = 'supported' | 'not-supported';
export type Outcome = 'approved' | 'declined';

export interface F17State {
  details?: F17Details;
  consent?: { obtainedBy: string; consentDate: string; formReference: string; recordedBy: Stamp };
  /** The F.17.03 roles each person held when they took part (see recipients.ts). */
  actedAs?: Record<string, Role[]>;
  sections: SectionRecord[];
  contributors: Contributor[];
  review?: {
    summary: string;
    risks: string;
    riskManagement: string;
    recommendation: Recommendation;
    by: Stamp;
  };
  /**
   * `consideration` and `reasons` are internal (they may draw on intelligence); only
   * `releasableReasons` is ever released to the prisoner (F.17.05).
   */
  decision?: {
    outcome: Outcome;
    consideration: string;
    reasons: string;
    releasableReasons?: string;
    by: Stamp;
  };
  consentFormUploaded?: { reference: string; by: Stamp };
  prisonerInformed?: { informedOn: string; how: string; by: Stamp };
  withdrawal?: { note: string; stageAtWithdrawal: F17Stage; by: Stamp };
  fileNotes: Array<{ text: string; by: string; at: string }>;
}

export type F17Stage =
  | 'awaiting-consent'
  | 'stakeholder-input'
  | 'review'
  | 'decision'
  | 'approved'
  | 'declined'
  | 'closed'
  | 'withdrawn';

export const STAGE_LABELS: Record<F17Stage, string> = {
  'awaiting-consent': 'Awaiting the prisoner’s consent',
  'stakeholder-input': 'Stakeholder input',
  review: 'Review by the custodial systems manager or security manager',
  decision: 'Decision by the general manager custodial',
  approved: 'Approved: follow-ups outstanding',
  declined: 'Declined: follow-ups outstanding',
  closed: 'Closed',
  withdrawn: 'Consent withdrawn',
};

export function initialState(): F17State {
  return { sections: [], contributors: [], fileNotes: [] };
}

export function sectionRecord(state: F17State, key: string): SectionRecord | undefined {
  return state.sections.find((s) => s.key === key);
}

export function otherKey(aadObjectId: string): string {
  return `other:${aadObjectId}`;
}

/** The spec behind a stored section key (`other:<id>` uses the `other` spec). */
export function specOf(key: string): SectionSpec {
  return key.startsWith('other:') ? SECTIONS.other : SECTIONS[key as SectionKey];
}

export function missingRequired(state: F17State): SectionKey[] {
  return REQUIRED_SECTIONS.filter((k) => !sectionRecord(state, k)?.submitted);
}

export function followUpsDone(state: F17State): boolean {
  if (!state.decision) return false;
  if (!state.prisonerInformed) return false;
  return state.decision.outcome === 'declined' || state.consentFormUploaded !== undefined;
}

export function stageOf(state: F17State): F17Stage {
  if (state.withdrawal) return 'withdrawn';
  if (state.decision) return followUpsDone(state) ? 'closed' : state.decision.outcome;
  if (state.review) return 'decision';
  if (!state.consent) return 'awaiting-consent';
  return missingRequired(state).length === 0 ? 'review' : 'stakeholder-input';
}

export function isClosed(state: F17State): boolean {
  const s = stageOf(state);
  return s === 'closed' || s === 'withdrawn';
}

/** The label people see for the facilitator, whichever way they were given. */
export function facilitatorLabel(f: Facilitator): string {
  return f.name ?? 'the facilitator chosen in Teams';
}

export function sectionTitle(state: F17State, key: string): string {
  if (key.startsWith('other:')) {
    const c = state.contributors.find((x) => otherKey(x.aadObjectId) === key);
    return c ? `Further input: ${c.name} (${c.description})` : SECTIONS.other.title;
  }
  return specOf(key).title;
}
