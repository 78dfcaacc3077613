import { stampOf } from '../../workflow/stamp';
import type { AppliedEvent, EventLabels } from '../../workflow/types';
import { recordActingAs } from './recipients';
import { stageOf } from './model';
import type {
  Answers,
  F17Details,
  F17Stage,
  F17State,
  Outcome,
  Recommendation,
  SectionRecord,
} from './model';

/** Event types, as written to the audit trail. */
export const EV = {
  started: 'f17.started',
  consentRecorded: 'f17.consentRecorded',
  sectionDraftSaved: 'f17.sectionDraftSaved',
  sectionSubmitted: 'f17.sectionSubmitted',
  contributorNamed: 'f17.contributorNamed',
  reviewSubmitted: 'f17.reviewSubmitted',
  decided: 'f17.decided',
  fileNoteRecorded: 'f17.fileNoteRecorded',
  consentFormUploadConfirmed: 'f17.consentFormUploadConfirmed',
  prisonerInformed: 'f17.prisonerInformed',
  consentWithdrawn: 'f17.consentWithdrawn',
} as const;

export const EVENT_LABELS: EventLabels<typeof EV> = {
  [EV.started]: 'Assessment started',
  [EV.consentRecorded]: 'Prisoner’s consent recorded',
  [EV.sectionDraftSaved]: 'Section draft saved',
  [EV.sectionSubmitted]: 'Section submitted',
  [EV.contributorNamed]: 'Further contributor named',
  [EV.reviewSubmitted]: 'Review submitted',
  [EV.decided]: 'Decision recorded',
  [EV.fileNoteRecorded]: 'File note recorded',
  [EV.consentFormUploadConfirmed]: 'Consent to mix form upload confirmed',
  [EV.prisonerInformed]: 'Prisoner told of the decision',
  [EV.consentWithdrawn]: 'Prisoner withdrew consent',
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function withSection(state: F17State, key: string, update: (s: SectionRecord) => SectionRecord): F17State {
  const existing = state.sections.find((s) => s.key === key) ?? { key };
  const next = update(existing);
  const others = state.sections.filter((s) => s.key !== key);
  return { ...state, sections: [...others, next] };
}

/** Folds one audit event into the state. Pure; unknown event types change nothing. */
export function evolve(state: F17State, e: AppliedEvent): F17State {
  return recordActingAs(evolveFacts(state, e), e);
}

function evolveFacts(state: F17State, e: AppliedEvent): F17State {
  const p = e.payload;
  const by = stampOf(e);
  switch (e.type) {
    case EV.started:
      return { ...state, details: p.details as F17Details };
    case EV.consentRecorded:
      return {
        ...state,
        consent: {
          obtainedBy: str(p.obtainedBy),
          consentDate: str(p.consentDate),
          formReference: str(p.formReference),
          recordedBy: by,
        },
      };
    case EV.sectionDraftSaved:
      return withSection(state, str(p.section), (s) => ({
        ...s,
        draft: { answers: p.answers as Answers, by },
      }));
    case EV.sectionSubmitted:
      return withSection(state, str(p.section), (s) => ({
        key: s.key,
        submitted: { answers: p.answers as Answers, by, seq: e.seq },
      }));
    case EV.contributorNamed:
      return {
        ...state,
        contributors: [
          ...state.contributors,
          {
            aadObjectId: str(p.aadObjectId),
            name: str(p.name),
            description: str(p.description),
            namedBy: by,
          },
        ],
      };
    case EV.reviewSubmitted:
      return {
        ...state,
        review: {
          summary: str(p.summary),
          risks: str(p.risks),
          riskManagement: str(p.riskManagement),
          recommendation: p.recommendation as Recommendation,
          by,
        },
      };
    case EV.decided:
      return {
        ...state,
        decision: {
          outcome: p.outcome as Outcome,
          consideration: str(p.consideration),
          reasons: str(p.reasons),
          // Absent on decisions recorded before the releasable reasons were kept apart.
          ...(typeof p.releasableReasons === 'string' ? { releasableReasons: p.releasableReasons } : {}),
          by,
        },
      };
    case EV.fileNoteRecorded:
      return { ...state, fileNotes: [...state.fileNotes, { text: str(p.text), by: by.name, at: by.at }] };
    case EV.consentFormUploadConfirmed:
      return { ...state, consentFormUploaded: { reference: str(p.reference), by } };
    case EV.prisonerInformed:
      return { ...state, prisonerInformed: { informedOn: str(p.informedOn), how: str(p.how), by } };
    case EV.consentWithdrawn:
      return {
        ...state,
        withdrawal: {
          note: str(p.note),
          stageAtWithdrawal: (p.stageAtWithdrawal as F17Stage) ?? stageOf(state),
          by,
        },
      };
    default:
      return state;
  }
}
