import { AlreadyDoneError, DomainError } from '../../errors';
import { formatNz } from '../../time';
import type { DecideContext, NewEvent } from '../../workflow/types';
import type { C07Command, C07CommandType, CommandOf } from './commands';
import { toSchedule } from './fields';
import { isHuiCaseManager } from './access';
import { alreadyDone, invalid, wrongStage } from '../../workflow/guards';
import {
  notAtStage,
  notInPast,
  person,
  reopens,
  requireCaseManager,
  requireManager,
  requireOpen,
  requireOrganiser,
  requirePreparing,
  requireStage,
} from './guards';
import { huiStage, huiTitle, managerRoleFor, outstanding, rjParties } from './model';
import type { HuiApp, HuiStage, HuiState, InvolvementLevel, SupportPerson } from './model';
import { outcomePlans } from './plans';
import { levelLabel, scaleName, scaleOf } from './involvement';
import { checkSupportPeople, checksRecord, requireChecksClear } from './supportChecks';

/** The third-party contact note C.07.02 asks the case manager to put in IOMS, drafted from what they recorded. */
export function contactNoteFor(
  s: HuiState,
  p: SupportPerson,
  suitable: boolean,
  involvement: InvolvementLevel,
  contactPlan: string,
): string {
  const when = s.schedule ? formatNz(new Date(s.schedule.startsAt)) : 'a date to be set';
  const verdict = suitable
    ? `assessed as suitable; level of pro-social involvement on ${scaleName(scaleOf(s), s.site)}: ${levelLabel(s, involvement).toLowerCase()}`
    : 'assessed as not suitable to take part';
  return (
    `Support hui (${huiTitle(s)}, ${when}): ${p.name} (${p.relationship}). ` +
    `Prisoner consented to contact; ${p.name} consented to take part; ${verdict}. Contact: ${contactPlan}`
  );
}

/** What a handler sees: the hui as it stands, its stage, and who is acting when. */
interface Decision {
  app: HuiApp;
  s: HuiState;
  stage: HuiStage;
  ctx: DecideContext;
}

type Handler<T extends C07CommandType> = (c: CommandOf<T>, d: Decision) => NewEvent[];

const event = (type: string, payload: Record<string, unknown>): NewEvent[] => [{ type, payload }];

const consents: { [T in 'c07.recordPrisonerConsent' | 'c07.recordSupportConsent']: Handler<T> } = {
  'c07.recordPrisonerConsent': (c, { s, ctx }) => {
    requireOrganiser(s, ctx.actor);
    requirePreparing(s, 'Recording consent');
    const p = person(s, c.personId);
    if (p.prisonerConsent)
      alreadyDone(`The prisoner's consent for ${p.name} was recorded`, p.prisonerConsent);
    return event('c07.prisonerConsentRecorded', { personId: p.id, given: c.prisonerConsent === 'given' });
  },
  'c07.recordSupportConsent': (c, { s, ctx }) => {
    requireOrganiser(s, ctx.actor);
    requirePreparing(s, 'Recording consent');
    const p = person(s, c.personId);
    // C.07.02: nobody is contacted (and so nobody is asked) until the prisoner has agreed.
    if (p.prisonerConsent?.given !== true)
      throw new DomainError('CONSENT_REQUIRED', `Record the prisoner's consent to contact ${p.name} first.`, {
        personId: p.id,
      });
    if (p.consent) alreadyDone(`${p.name}'s consent was recorded`, p.consent);
    return event('c07.supportConsentRecorded', { personId: p.id, given: c.supportConsent === 'given' });
  },
};

const preparation: {
  [T in 'c07.recordSuitability' | 'c07.recordPartyConsent' | 'c07.sendForSignOff']: Handler<T>;
} = {
  'c07.recordSuitability': (c, { s, ctx }) => {
    requireCaseManager(s, ctx.actor);
    requirePreparing(s, 'Recording suitability');
    const p = person(s, c.personId);
    if (p.consent?.given !== true)
      throw new DomainError(
        'CONSENT_REQUIRED',
        `${p.name} must consent to take part before their suitability is assessed.`,
        { personId: p.id },
      );
    if (p.suitability) alreadyDone(`${p.name}'s suitability was assessed`, p.suitability);
    if (!scaleOf(s).levels.some((l) => l.key === c.involvement))
      invalid('involvement', 'Choose the level of pro-social involvement.');
    const suitable = c.suitable === 'yes';
    return event('c07.suitabilityRecorded', {
      personId: p.id,
      suitable,
      assessment: c.assessment,
      involvement: c.involvement,
      involvementLabel: levelLabel(s, c.involvement),
      contactPlan: c.contactPlan,
      contactNote: contactNoteFor(s, p, suitable, c.involvement, c.contactPlan),
      iomsRecorded: c.iomsRecorded,
    });
  },
  'c07.recordPartyConsent': (c, { s, ctx }) => {
    requireOrganiser(s, ctx.actor);
    requireStage(s, 'preparing', 'Recording consent', 'restorative-justice');
    const party = rjParties(s).find((x) => x.id === c.party);
    if (!party)
      throw new DomainError('NOT_FOUND', 'That party is not on this conference.', { party: c.party });
    const existing = s.partyConsents[party.id];
    if (existing) alreadyDone(`Consent for ${party.label} was recorded`, existing);
    return event('c07.partyConsentRecorded', { party: party.id, given: c.partyConsent === 'given' });
  },
  'c07.sendForSignOff': (_c, { app, s, stage, ctx }) => {
    requireCaseManager(s, ctx.actor);
    requireOpen(s, 'Sending for sign-off');
    if (stage === 'awaiting-sign-off')
      throw new AlreadyDoneError('This hui is already with the manager for sign-off.', undefined);
    if (stage !== 'preparing') notAtStage(s, 'Sending for sign-off');
    const missing = outstanding(s);
    if (missing.length > 0)
      throw new DomainError('CONSENT_REQUIRED', `Not sent: ${missing.join(' ')}`, { outstanding: missing });
    const checks = checkSupportPeople(s, ctx.records, app.prisonerId);
    requireChecksClear(checks, 'Not sent', false);
    return event('c07.sentForSignOff', {
      round: s.round,
      managerRole: managerRoleFor(s),
      supportChecks: checksRecord(checks),
    });
  },
};

const changes: {
  [T in 'c07.removeSupportPerson' | 'c07.changeAttendees' | 'c07.reschedule' | 'c07.cancel']: Handler<T>;
} = {
  'c07.removeSupportPerson': (c, { s, ctx }) => {
    requireOrganiser(s, ctx.actor);
    requireOpen(s, 'Removing a support person');
    const p = person(s, c.personId);
    return event('c07.supportPersonRemoved', {
      personId: p.id,
      reason: c.removeReason,
      reopened: reopens(s),
    });
  },
  'c07.changeAttendees': (c, { s, ctx }) => {
    requireOrganiser(s, ctx.actor);
    requireOpen(s, 'Changing attendees');
    const keep = (o: string, pn: string) => s.providers.find((x) => x.organisation === o && x.person === pn);
    let nextId = s.nextId;
    const providers = c.providers.map((p) => keep(p.organisation, p.person) ?? { id: `pv${nextId++}`, ...p });
    const added = c.add ? { id: `sp${nextId++}`, ...c.add } : undefined;
    const same =
      !added &&
      JSON.stringify(providers) === JSON.stringify(s.providers) &&
      JSON.stringify(c.correctionsStaff) === JSON.stringify(s.correctionsStaff);
    if (same) return [];
    return event('c07.attendeesChanged', {
      correctionsStaff: c.correctionsStaff,
      providers,
      ...(added ? { added } : {}),
      nextId,
      reopened: reopens(s),
    });
  },
  'c07.reschedule': (c, { s, ctx }) => {
    requireOrganiser(s, ctx.actor);
    requireOpen(s, 'Rescheduling');
    notInPast(c.schedule, ctx.now, 'newDate');
    const to = toSchedule(c.schedule);
    if (s.schedule && to.startsAt === s.schedule.startsAt && to.endsAt === s.schedule.endsAt) return [];
    return event('c07.rescheduled', { from: s.schedule, to, reason: c.reason, reopened: reopens(s) });
  },
  'c07.cancel': (c, { s, ctx }) => {
    requireOrganiser(s, ctx.actor);
    if (s.cancelled) alreadyDone('Already cancelled', s.cancelled);
    requireOpen(s, 'Cancelling');
    return event('c07.cancelled', { reason: c.reason });
  },
};

const signing: {
  [T in 'c07.askQuestion' | 'c07.answerQuestion' | 'c07.requireSafetyMeasures' | 'c07.signOff']: Handler<T>;
} = {
  'c07.askQuestion': (c, { s, stage, ctx }) => {
    requireManager(s, ctx.actor);
    if (stage !== 'awaiting-sign-off') notAtStage(s, 'Asking a question');
    return event('c07.questionAsked', { questionId: `q${s.nextId}`, question: c.question });
  },
  'c07.answerQuestion': (c, { s, ctx }) => {
    requireCaseManager(s, ctx.actor);
    requireOpen(s, 'Answering');
    const q = s.questions.find((x) => x.id === c.questionId);
    if (!q) throw new DomainError('NOT_FOUND', 'That question is not on this hui.');
    if (q.answered) alreadyDone('Already answered', q.answered);
    return event('c07.questionAnswered', { questionId: q.id, answer: c.answer });
  },
  'c07.requireSafetyMeasures': (c, { s, stage, ctx }) => {
    requireManager(s, ctx.actor);
    if (stage !== 'awaiting-sign-off') notAtStage(s, 'Adding safety measures');
    return event('c07.safetyMeasuresRequired', { text: c.measures });
  },
  'c07.signOff': (c, { app, s, stage, ctx }) => {
    requireManager(s, ctx.actor);
    if (s.signOff) alreadyDone('Already signed off', s.signOff);
    requireOpen(s, 'Signing off');
    if (stage !== 'awaiting-sign-off') notAtStage(s, 'Signing off');
    if (c.question) invalid('question', 'Send this with Ask a question, or clear it, before signing off.');
    // Issue 14 item 12: nobody kept out of the prison attends, and every name-only match is answered.
    const checks = checkSupportPeople(s, ctx.records, app.prisonerId);
    requireChecksClear(checks, 'Not signed off', true);
    // Measures typed on the card when signing off are part of what was signed off.
    return [
      ...(c.measures ? event('c07.safetyMeasuresRequired', { text: c.measures }) : []),
      ...event('c07.signedOff', { round: s.round, supportChecks: checksRecord(checks) }),
    ];
  },
};

const afterwards: { [T in 'c07.recordExternalCopy' | 'c07.recordOutcome' | 'c07.reviewMatch']: Handler<T> } =
  {
    // The case manager or the signing manager answers a name-only match (issue 14 item 12), audited.
    'c07.reviewMatch': (c, { app, s, ctx }) => {
      if (!isHuiCaseManager(s, ctx.actor)) requireManager(s, ctx.actor);
      requireOpen(s, 'Reviewing a match');
      const check = checkSupportPeople(s, ctx.records, app.prisonerId).find((x) => x.key === c.matchKey);
      if (!check || check.match !== 'name-only')
        throw new DomainError('NOT_FOUND', 'That match is no longer found for anyone on this hui.', {
          key: c.matchKey,
        });
      if (check.review) alreadyDone('This match was reviewed', check.review);
      return event('c07.matchReviewed', {
        key: check.key,
        personId: check.personId,
        ref: check.ref,
        confirmed: c.matchDecision === 'confirmed',
        reason: c.matchReason,
      });
    },
    'c07.recordExternalCopy': (c, { s, ctx }) => {
      requireOrganiser(s, ctx.actor);
      requireStage(s, 'signed-off', 'Recording the copy for entry staff', 'external-entry-staff');
      return event('c07.externalCopyRecorded', { to: c.copySentTo, round: s.round });
    },
    'c07.recordOutcome': (c, { s, ctx }) => {
      requireCaseManager(s, ctx.actor);
      if (s.outcome) alreadyDone('The outcome was recorded', s.outcome);
      requireStage(s, 'signed-off', 'Recording the outcome');
      if (s.schedule && ctx.now.getTime() < new Date(s.schedule.endsAt).getTime())
        wrongStage(
          `The outcome can be recorded once the hui has finished (${formatNz(new Date(s.schedule.endsAt))}).`,
        );
      return event('c07.outcomeRecorded', {
        actions: c.outcomeActions,
        iomsRecorded: c.iomsRecorded,
        ...outcomePlans(s, c),
      });
    },
  };

/** One handler per command: who may, in which stage, and what is recorded. */
const handlers: { [T in C07CommandType]: Handler<T> } = {
  ...consents,
  ...preparation,
  ...changes,
  ...signing,
  ...afterwards,
};

export function decide(app: HuiApp, command: C07Command, ctx: DecideContext): NewEvent[] {
  const handler = handlers[command.type] as Handler<C07CommandType>;
  return handler(command, { app, s: app.state, stage: huiStage(app.state), ctx });
}
