import type { ApplicationDoc } from '../../workflow/domain';
import { SECTION_KEYS, sectionTitle, specOf } from './model';
import type { F17State, Outcome, Recommendation } from './model';

/**
 * F.17.05: what a prisoner may be given when they ask, under the Privacy Act 2020, why their
 * application was approved or refused. Intelligence and non-association information are left
 * out here, in one place, so no card can show them by accident; what was left out, and why, is
 * stated.
 */

export const PRIVACY_GROUNDS = {
  intelligence:
    'Privacy Act 2020 (reasons for refusing access, sections 49–53): disclosure would be likely to prejudice the maintenance of the law and the safety of others (intelligence information).',
  nonAssociation:
    'Privacy Act 2020 (reasons for refusing access, sections 49–53): disclosure would involve the unwarranted disclosure of the affairs of other individuals (non-associations).',
} as const;

export interface DisclosedSection {
  title: string;
  answers: Array<{ label: string; value: string }>;
}

export interface Disclosure {
  applicationId: string;
  prisonerId: string;
  prisonerName: string;
  programmeName: string;
  programmeKind: string;
  status: 'decided' | 'withdrawn' | 'undecided';
  outcome?: Outcome;
  /** ISO instant of the decision. */
  decidedAt?: string;
  /** The reasons the general manager custodial recorded to be released; never the internal texts. */
  reasons?: string;
  recommendation?: Recommendation;
  sections: DisclosedSection[];
  withheld: Array<{ what: string; ground: string }>;
  statement: string;
}

export function buildDisclosure(app: ApplicationDoc<F17State>): Disclosure {
  const s = app.state;
  const d = s.details;
  const withheld: Disclosure['withheld'] = [];
  const sections: DisclosedSection[] = [];

  const keys = [
    ...SECTION_KEYS.filter((k) => k !== 'other'),
    ...s.sections.map((r) => r.key).filter((k) => k.startsWith('other:')),
  ];
  let nonAssociationsHeld = false;
  for (const key of keys) {
    const sub = s.sections.find((r) => r.key === key)?.submitted;
    if (!sub) continue;
    const spec = specOf(key);
    if (spec.restricted) continue;
    const answers: DisclosedSection['answers'] = [];
    for (const f of spec.fields) {
      const v = sub.answers[f.id];
      if (!v) continue;
      if (f.nonAssociation) {
        nonAssociationsHeld = true;
        continue;
      }
      answers.push({ label: f.label, value: f.kind === 'yesno' ? (v === 'yes' ? 'Yes' : 'No') : v });
    }
    sections.push({ title: sectionTitle(s, key), answers });
  }

  // Intelligence is always withheld, whether or not it was answered, so that its presence is not itself a signal.
  withheld.push({
    what: 'The intelligence section',
    ground: PRIVACY_GROUNDS.intelligence,
  });
  if (s.review) {
    withheld.push({
      what: 'The reviewing manager’s summary of risks and how they are managed, which draws on intelligence information',
      ground: PRIVACY_GROUNDS.intelligence,
    });
  }
  if (s.decision) {
    withheld.push({
      what: s.decision.releasableReasons
        ? 'The general manager custodial’s internal consideration and reasons, which may draw on intelligence information'
        : 'The general manager custodial’s consideration and reasons, recorded before releasable reasons were kept separately; they may draw on intelligence information',
      ground: PRIVACY_GROUNDS.intelligence,
    });
  }
  if (nonAssociationsHeld) {
    withheld.push({
      what: 'Non-association information about other prisoners',
      ground: PRIVACY_GROUNDS.nonAssociation,
    });
  }

  const status: Disclosure['status'] = s.withdrawal ? 'withdrawn' : s.decision ? 'decided' : 'undecided';
  const legacy = s.decision && !s.decision.releasableReasons;
  const statement =
    status === 'decided'
      ? `${legacy ? 'The reasons for this decision were recorded before releasable reasons were kept separately, so they are withheld in full; the outcome is given above. ' : ''}Some information has been withheld under the Privacy Act 2020: ${withheld.map((w) => w.what.toLowerCase()).join('; ')}. You may ask the Privacy Commissioner to review this.`
      : status === 'withdrawn'
        ? 'No decision was made: the prisoner withdrew consent before the general manager custodial decided.'
        : 'No decision has been made yet.';

  return {
    applicationId: app._id,
    prisonerId: app.prisonerId,
    prisonerName: app.prisonerName,
    programmeName: d?.programmeName ?? '',
    programmeKind: d?.programmeKind ?? '',
    status,
    ...(s.decision
      ? {
          outcome: s.decision.outcome,
          decidedAt: s.decision.by.at,
          ...(s.decision.releasableReasons ? { reasons: s.decision.releasableReasons } : {}),
        }
      : {}),
    ...(s.review ? { recommendation: s.review.recommendation } : {}),
    sections: status === 'decided' ? sections : [],
    withheld: status === 'decided' ? withheld : [],
    statement,
  };
}
