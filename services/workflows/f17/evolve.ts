import { defineEvents } from '../../workflow/events';
import { stampOf } from '../../workflow/stamp';
import type { AppliedEvent } from '../../workflow/types';
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

/**
 * Event types (`EV.x` is 'f17.x', as written to the audit trail: never rename a key) and how
 * each reads in a timeline.
 */
export const { EV, EVENT_LABELS } = defineEvents('f17', {
  started: 'Assessment started',
  consentRecorded: 'Prisoner’s consent recorded',
  sectionDraftSaved: 'Section draft saved',
  sectionSubmitted: 'Section submitted',
  contributorNamed: 'Further contributor named',
  reviewSubmitted: 'Review submitted',
  decided: 'Decision recorded',
  fileNoteRecorded: 'File note recorded',
  consentFormUploadConfirmed: 'Consent to mix form upload confirmed',
  prisonerInformed: 'Prisoner told of the decision',
  consentWithdrawn: 'Prisoner withdrew consent',
});

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
