import type { Actor } from '../../directory/person';
import { DomainError, ForbiddenError, ValidationError } from '../../errors';
import type { ApplicationDoc } from '../../workflow/domain';
import { formatNz, nzDateOf } from '../../time';
import { alreadyDone, requireRole } from '../../workflow/guards';
import type { DecideContext, NewEvent } from '../../workflow/types';
import { parseAnswers } from './commands';
import { actingAs } from './recipients';
import type { F17Command } from './commands';
import { EV } from './evolve';
import {
  CASE_ROLES,
  DECISION_ROLES,
  FOLLOW_UP_ROLES,
  REVIEW_ROLES,
  SECTIONS,
  missingRequired,
  otherKey,
  sectionRecord,
  sectionTitle,
  stageOf,
} from './model';
import type { F17State, SectionKey } from './model';

/** Nothing changes an assessment after the prisoner withdrew consent (F.17.04). */
function requireNotWithdrawn(state: F17State): void {
  const w = state.withdrawal;
  if (w) {
    throw new DomainError(
      'CLOSED',
      `The prisoner withdrew consent (recorded by ${w.by.name} on ${formatNz(new Date(w.by.at))}); this assessment has stopped.`,
    );
  }
}

/** Input can no longer change an assessment once the general manager custodial has decided. */
function requireUndecided(state: F17State): void {
  const d = state.decision;
  if (d) {
    throw new DomainError(
      'CLOSED',
      `The general manager custodial has already decided (${d.outcome}, ${d.by.name}, ${formatNz(new Date(d.by.at))}); nothing more can be added.`,
    );
  }
}

/** F.17.02: consent must be gained before engaging stakeholders for input. */
function requireConsent(state: F17State): void {
  if (!state.consent) {
    throw new DomainError(
      'CONSENT_REQUIRED',
      'The prisoner’s consent must be recorded before anyone is asked for input.',
    );
  }
}

function notInFuture(field: string, date: string, now: Date, what: string): void {
  if (date > nzDateOf(now))
    throw new ValidationError([{ field, message: `${what} cannot be in the future.` }]);
}

/** Resolves which stored section a section command is about, and checks the actor may answer it. */
function sectionKeyFor(state: F17State, site: string, section: string, actor: Actor): string {
  if (section === 'other') {
    const named = state.contributors.some((c) => c.aadObjectId === actor.aadObjectId);
    if (!named) {
      throw new ForbiddenError(
        'This is for the people the case manager named for further input on this assessment.',
        {
          site,
        },
      );
    }
    return otherKey(actor.aadObjectId);
  }
  requireRole(actor, SECTIONS[section as SectionKey].roles, site);
  return section;
}

function fileNote(text: string): NewEvent {
  return { type: EV.fileNoteRecorded, payload: { text } };
}

export function decide(app: ApplicationDoc<F17State>, command: F17Command, ctx: DecideContext): NewEvent[] {
  const { state, site } = app;
  const { actor, now } = ctx;
  const details = state.details;
  const programme = details ? `“${details.programmeName}”` : 'the programme';

  switch (command.type) {
    case 'f17.recordConsent': {
      requireRole(actor, CASE_ROLES, site);
      requireNotWithdrawn(state);
      if (state.consent) {
        alreadyDone(`Consent was already recorded`, state.consent.recordedBy);
      }
      notInFuture('consentDate', command.consentDate, now, 'The date consent was given');
      return [
        {
          type: EV.consentRecorded,
          payload: {
            obtainedBy: command.consentObtainedBy,
            consentDate: command.consentDate,
            formReference: command.consentFormReference,
            actingAs: actingAs(actor, site),
          },
        },
      ];
    }

    case 'f17.saveSectionDraft':
    case 'f17.submitSection': {
      const key = sectionKeyFor(state, site, command.section, actor);
      requireNotWithdrawn(state);
      requireUndecided(state);
      requireConsent(state);
      const done = sectionRecord(state, key)?.submitted;
      if (done) {
        alreadyDone(`${sectionTitle(state, key)} was already submitted`, done.by);
      }
      const mode = command.type === 'f17.submitSection' ? 'submit' : 'draft';
      // Only the section's own fields are read from the command; anything else the card sent is dropped.
      const answers = parseAnswers(key, command, mode);
      return [
        {
          type: mode === 'submit' ? EV.sectionSubmitted : EV.sectionDraftSaved,
          payload: {
            section: key,
            answers,
            ...(mode === 'submit' ? { actingAs: actingAs(actor, site) } : {}),
          },
        },
      ];
    }

    case 'f17.nameContributor': {
      requireRole(actor, CASE_ROLES, site);
      requireNotWithdrawn(state);
      requireUndecided(state);
      requireConsent(state);
      const existing = state.contributors.find((c) => c.aadObjectId === command.contributorId);
      if (existing) {
        alreadyDone(`${existing.name} was already asked`, existing.namedBy);
      }
      return [
        {
          type: EV.contributorNamed,
          payload: {
            aadObjectId: command.contributorId,
            name: command.contributorName,
            description: command.contributorDescription,
          },
        },
      ];
    }

    case 'f17.submitReview': {
      requireRole(actor, REVIEW_ROLES, site);
      requireNotWithdrawn(state);
      if (state.review) {
        alreadyDone(`The review was already submitted`, state.review.by);
      }
      requireConsent(state);
      const missing = missingRequired(state);
      if (missing.length > 0) {
        throw new DomainError(
          'WRONG_STAGE',
          `The review can start once every required section is in. Still waiting for: ${missing.map((k) => SECTIONS[k].title).join(', ')}.`,
          { missing },
        );
      }
      return [
        {
          type: EV.reviewSubmitted,
          payload: {
            summary: command.summary,
            risks: command.risks,
            riskManagement: command.riskManagement,
            recommendation: command.recommendation,
          },
        },
      ];
    }

    case 'f17.decide': {
      requireRole(actor, DECISION_ROLES, site);
      requireNotWithdrawn(state);
      if (state.decision) {
        alreadyDone(`Already ${state.decision.outcome}`, state.decision.by);
      }
      if (!state.review) {
        throw new DomainError(
          'WRONG_STAGE',
          'The custodial systems manager or security manager must submit their review before the decision.',
        );
      }
      const kind = details ? ` (${details.programmeKind})` : '';
      const where = details ? ` at ${details.location}` : '';
      const note =
        command.outcome === 'approved'
          ? `Approval to mix with others for participation in the non-offence based programme ${programme}${kind}${where} was approved by the general manager custodial (${actor.name}).`
          : `Suitability to mix for the non-offence based programme ${programme} was declined by the general manager custodial (${actor.name}).`;
      return [
        {
          type: EV.decided,
          payload: {
            outcome: command.outcome,
            consideration: command.consideration,
            reasons: command.reasons,
            releasableReasons: command.releasableReasons,
          },
        },
        fileNote(note),
      ];
    }

    case 'f17.confirmConsentFormUploaded': {
      requireRole(actor, FOLLOW_UP_ROLES, site);
      requireNotWithdrawn(state);
      if (!state.decision || state.decision.outcome !== 'approved') {
        throw new DomainError(
          'WRONG_STAGE',
          'The consent to mix form is uploaded after the assessment is approved.',
        );
      }
      if (state.consentFormUploaded) {
        alreadyDone(`The upload was already confirmed`, state.consentFormUploaded.by);
      }
      return [{ type: EV.consentFormUploadConfirmed, payload: { reference: command.uploadReference } }];
    }

    case 'f17.confirmPrisonerInformed': {
      requireRole(actor, FOLLOW_UP_ROLES, site);
      requireNotWithdrawn(state);
      if (!state.decision) {
        throw new DomainError(
          'WRONG_STAGE',
          'The prisoner is told once the general manager custodial has decided.',
        );
      }
      if (state.prisonerInformed) {
        alreadyDone(`Telling the prisoner was already recorded`, state.prisonerInformed.by);
      }
      notInFuture('informedOn', command.informedOn, now, 'The date you told the prisoner');
      if (command.informedOn < nzDateOf(new Date(state.decision.by.at))) {
        throw new ValidationError([
          { field: 'informedOn', message: 'That date is before the decision was made.' },
        ]);
      }
      return [
        {
          type: EV.prisonerInformed,
          payload: { informedOn: command.informedOn, how: command.howInformed },
        },
      ];
    }

    case 'f17.withdrawConsent': {
      requireRole(actor, CASE_ROLES, site);
      if (state.withdrawal) {
        alreadyDone(`The withdrawal was already recorded`, state.withdrawal.by);
      }
      // F.17.04: "at any time" — after an approval too (the approval then no longer applies); a
      // declined mix has no consent left to withdraw.
      if (state.decision?.outcome === 'declined') {
        throw new DomainError(
          'CLOSED',
          `Mixing was declined (${state.decision.by.name}, ${formatNz(new Date(state.decision.by.at))}); there is no consent to withdraw.`,
        );
      }
      return [
        {
          type: EV.consentWithdrawn,
          payload: { note: command.withdrawalNote, stageAtWithdrawal: stageOf(state) },
        },
        fileNote(
          `The prisoner withdrew consent to mix for the programme ${programme} (recorded by ${actor.name}): ${command.withdrawalNote}`,
        ),
      ];
    }
  }
}
