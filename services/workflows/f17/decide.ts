import type { Actor } from '../../directory/person';
import type { Role } from '../../directory/roles';
import { DomainError, ForbiddenError, ValidationError } from '../../errors';
import type { ApplicationDoc } from '../../workflow/domain';
import { formatNz, nzDateOf } from '../../time';
import { decideByTable } from '../../workflow/decide';
import type { Handler as TableHandler, HandlerTable } from '../../workflow/decide';
import { alreadyDone, invalid, requireRole, wrongStage } from '../../workflow/guards';
import type { NewEvent } from '../../workflow/types';
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

type App = ApplicationDoc<F17State>;
type Handler<T extends F17Command['type']> = TableHandler<F17State, F17Command, T>;

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

/** Who may act (one of `roles` at the site), and the prisoner has not withdrawn: most commands' first checks. */
function allowed(app: App, actor: Actor, roles: readonly Role[]): F17State {
  requireRole(actor, roles, app.site);
  requireNotWithdrawn(app.state);
  return app.state;
}

/** Input is still being gathered: consent given, not withdrawn, not yet decided. */
function gathering(state: F17State): void {
  requireNotWithdrawn(state);
  requireUndecided(state);
  requireConsent(state);
}

/** `“Programme”`, as the file notes name it. */
function programmeOf(state: F17State): string {
  return state.details ? `“${state.details.programmeName}”` : 'the programme';
}

const recordConsent: Handler<'f17.recordConsent'> = (app, c, { actor, now }) => {
  const state = allowed(app, actor, CASE_ROLES);
  if (state.consent) alreadyDone(`Consent was already recorded`, state.consent.recordedBy);
  notInFuture('consentDate', c.consentDate, now, 'The date consent was given');
  const payload = {
    obtainedBy: c.consentObtainedBy,
    consentDate: c.consentDate,
    formReference: c.consentFormReference,
    actingAs: actingAs(actor, app.site),
  };
  return [{ type: EV.consentRecorded, payload }];
};

/** A section's draft or its submission: only the section's own fields are read from the command. */
const section: Handler<'f17.saveSectionDraft' | 'f17.submitSection'> = (app, c, { actor }) => {
  const { state, site } = app;
  const key = sectionKeyFor(state, site, c.section, actor);
  gathering(state);
  const done = sectionRecord(state, key)?.submitted;
  if (done) alreadyDone(`${sectionTitle(state, key)} was already submitted`, done.by);
  const submit = c.type === 'f17.submitSection';
  // Anything else the card sent is dropped.
  const answers = parseAnswers(key, c, submit ? 'submit' : 'draft');
  return [
    {
      type: submit ? EV.sectionSubmitted : EV.sectionDraftSaved,
      payload: { section: key, answers, ...(submit ? { actingAs: actingAs(actor, site) } : {}) },
    },
  ];
};

const nameContributor: Handler<'f17.nameContributor'> = (app, c, { actor }) => {
  requireRole(actor, CASE_ROLES, app.site);
  gathering(app.state);
  const existing = app.state.contributors.find((x) => x.aadObjectId === c.contributorId);
  if (existing) alreadyDone(`${existing.name} was already asked`, existing.namedBy);
  // The directory's name, filled by the server (./serverFields); never a name typed on a card.
  if (!c.contributorName) invalid('contributorId', 'Choose the person to ask from the list.');
  const payload = {
    aadObjectId: c.contributorId,
    name: c.contributorName,
    description: c.contributorDescription,
  };
  return [{ type: EV.contributorNamed, payload }];
};

const submitReview: Handler<'f17.submitReview'> = (app, c, { actor }) => {
  const state = allowed(app, actor, REVIEW_ROLES);
  if (state.review) alreadyDone(`The review was already submitted`, state.review.by);
  requireConsent(state);
  const missing = missingRequired(state);
  if (missing.length > 0) {
    const waiting = missing.map((k) => SECTIONS[k].title).join(', ');
    throw new DomainError(
      'WRONG_STAGE',
      `The review can start once every required section is in. Still waiting for: ${waiting}.`,
      { missing },
    );
  }
  const { summary, risks, riskManagement, recommendation } = c;
  return [{ type: EV.reviewSubmitted, payload: { summary, risks, riskManagement, recommendation } }];
};

/** The note on the prisoner's file that says what the general manager custodial decided. */
function decisionNote(state: F17State, outcome: 'approved' | 'declined', by: string): string {
  const details = state.details;
  if (outcome === 'declined')
    return `Suitability to mix for the non-offence based programme ${programmeOf(state)} was declined by the general manager custodial (${by}).`;
  const kind = details ? ` (${details.programmeKind})` : '';
  const where = details ? ` at ${details.location}` : '';
  return `Approval to mix with others for participation in the non-offence based programme ${programmeOf(state)}${kind}${where} was approved by the general manager custodial (${by}).`;
}

const decideOutcome: Handler<'f17.decide'> = (app, c, { actor }) => {
  const state = allowed(app, actor, DECISION_ROLES);
  if (state.decision) alreadyDone(`Already ${state.decision.outcome}`, state.decision.by);
  if (!state.review)
    wrongStage(
      'The custodial systems manager or security manager must submit their review before the decision.',
    );
  const { outcome, consideration, reasons, releasableReasons } = c;
  return [
    { type: EV.decided, payload: { outcome, consideration, reasons, releasableReasons } },
    fileNote(decisionNote(state, outcome, actor.name)),
  ];
};

const confirmConsentFormUploaded: Handler<'f17.confirmConsentFormUploaded'> = (app, c, { actor }) => {
  const state = allowed(app, actor, FOLLOW_UP_ROLES);
  if (!state.decision || state.decision.outcome !== 'approved')
    wrongStage('The consent to mix form is uploaded after the assessment is approved.');
  if (state.consentFormUploaded)
    alreadyDone(`The upload was already confirmed`, state.consentFormUploaded.by);
  return [{ type: EV.consentFormUploadConfirmed, payload: { reference: c.uploadReference } }];
};

const confirmPrisonerInformed: Handler<'f17.confirmPrisonerInformed'> = (app, c, { actor, now }) => {
  const state = allowed(app, actor, FOLLOW_UP_ROLES);
  if (!state.decision) wrongStage('The prisoner is told once the general manager custodial has decided.');
  if (state.prisonerInformed)
    alreadyDone(`Telling the prisoner was already recorded`, state.prisonerInformed.by);
  notInFuture('informedOn', c.informedOn, now, 'The date you told the prisoner');
  if (c.informedOn < nzDateOf(new Date(state.decision.by.at)))
    throw new ValidationError([
      { field: 'informedOn', message: 'That date is before the decision was made.' },
    ]);
  return [{ type: EV.prisonerInformed, payload: { informedOn: c.informedOn, how: c.howInformed } }];
};

const withdrawConsent: Handler<'f17.withdrawConsent'> = (app, c, { actor }) => {
  const state = app.state;
  requireRole(actor, CASE_ROLES, app.site);
  if (state.withdrawal) alreadyDone(`The withdrawal was already recorded`, state.withdrawal.by);
  // F.17.04: "at any time" — after an approval too (the approval then no longer applies); a
  // declined mix has no consent left to withdraw.
  if (state.decision?.outcome === 'declined') {
    throw new DomainError(
      'CLOSED',
      `Mixing was declined (${state.decision.by.name}, ${formatNz(new Date(state.decision.by.at))}); there is no consent to withdraw.`,
    );
  }
  return [
    { type: EV.consentWithdrawn, payload: { note: c.withdrawalNote, stageAtWithdrawal: stageOf(state) } },
    fileNote(
      `The prisoner withdrew consent to mix for the programme ${programmeOf(state)} (recorded by ${actor.name}): ${c.withdrawalNote}`,
    ),
  ];
};

const handlers: HandlerTable<F17State, F17Command> = {
  'f17.recordConsent': recordConsent,
  'f17.saveSectionDraft': section,
  'f17.submitSection': section,
  'f17.nameContributor': nameContributor,
  'f17.submitReview': submitReview,
  'f17.decide': decideOutcome,
  'f17.confirmConsentFormUploaded': confirmConsentFormUploaded,
  'f17.confirmPrisonerInformed': confirmPrisonerInformed,
  'f17.withdrawConsent': withdrawConsent,
};

/** `decide` for a suitability to mix assessment: one handler per command, looked up in a table. */
export const decide = decideByTable(handlers);
