import { hasAnyRole } from '../../directory/person';
import type { Actor } from '../../directory/person';
import { roleListLabel } from '../../directory/roles';
import type { Role } from '../../directory/roles';
import { AlreadyDoneError, DomainError, ForbiddenError, ValidationError } from '../../errors';
import type { ApplicationDoc, AuditEvent, Task } from '../../store/types';
import { formatNz } from '../../time';
import type {
  AppliedEvent,
  ChatCommandSpec,
  DecideContext,
  NewEvent,
  Notification,
  StartResult,
  WorkflowDefinition,
} from '../../workflow/types';
import { isHuiCaseManager, isHuiManager, isHuiOrganiser } from './access';
import { resolveCaseManager } from './caseManager';
import { outcomePlans } from './plans';
import { commandSchema, startSchema } from './input';
import type { C07Command, ScheduleInput, StartInput } from './input';
import {
  CASE_MANAGER_ROLES,
  ENTRY_STAFF_CHANNEL,
  INVOLVEMENT_LEVELS,
  huiTitle,
  isRestorativeJustice,
  managerRoleFor,
  needsExternalCopy,
  outstanding,
  rjParties,
} from './model';
import type { HuiState, InvolvementLevel, Schedule, SupportPerson } from './model';

export type HuiStage = 'preparing' | 'awaiting-sign-off' | 'signed-off' | 'completed' | 'cancelled';

export const STAGE_LABELS: Record<HuiStage, string> = {
  preparing: 'Preparing: consents and suitability',
  'awaiting-sign-off': 'With the manager for sign-off',
  'signed-off': 'Signed off',
  completed: 'Held: outcome recorded',
  cancelled: 'Cancelled',
};

export type HuiApp = ApplicationDoc<HuiState>;

/** The entry-staff post of one hui: every later message with this key edits that post. */
export function entryThreadKey(applicationId: string): string {
  return `C07:${applicationId}:entry-staff`;
}

export function huiStage(s: HuiState): HuiStage {
  if (s.cancelled) return 'cancelled';
  if (s.outcome) return 'completed';
  if (s.signOff) return 'signed-off';
  if (s.submitted) return 'awaiting-sign-off';
  return 'preparing';
}

function toSchedule(input: ScheduleInput): Schedule {
  return {
    date: input.date,
    time: input.time,
    durationMinutes: input.durationMinutes,
    startsAt: input.startsAt.toISOString(),
    endsAt: new Date(input.startsAt.getTime() + input.durationMinutes * 60_000).toISOString(),
  };
}

function emptyState(): HuiState {
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
    reschedules: [],
    externalCopies: [],
    nextId: 1,
  };
}

// --- who may do what -------------------------------------------------------------------------

/** C.07.05: other staff may organise, but suitability and the manager's questions stay with the case manager. */
function requireCaseManager(s: HuiState, actor: Actor): void {
  if (!isHuiCaseManager(s, actor))
    throw new ForbiddenError(`This is for ${roleListLabel(CASE_MANAGER_ROLES)} at ${s.site}.`, {
      roles: [...CASE_MANAGER_ROLES],
      site: s.site,
    });
}

function requireOrganiser(s: HuiState, actor: Actor): void {
  if (isHuiOrganiser(s, actor)) return;
  requireCaseManager(s, actor);
}

function requireManager(s: HuiState, actor: Actor): Role {
  const role = managerRoleFor(s);
  if (!isHuiManager(s, actor))
    throw new ForbiddenError(`This is for ${roleListLabel([role])} at ${s.site}.`, {
      roles: [role],
      site: s.site,
    });
  return role;
}

function wrongStage(s: HuiState, what: string): never {
  throw new DomainError(
    'WRONG_STAGE',
    `${what} is not possible now: this hui is ${STAGE_LABELS[huiStage(s)].toLowerCase()}.`,
    {
      stage: huiStage(s),
    },
  );
}

function requireOpen(s: HuiState, what: string): void {
  const stage = huiStage(s);
  if (stage === 'cancelled' || stage === 'completed') {
    throw new DomainError(
      'CLOSED',
      `${what} is not possible: this hui is ${STAGE_LABELS[stage].toLowerCase()}.`,
      { stage },
    );
  }
}

function person(s: HuiState, id: string): SupportPerson {
  const p = s.supportPeople.find((x) => x.id === id);
  if (!p) throw new DomainError('NOT_FOUND', 'That support person is not on this hui.', { personId: id });
  return p;
}

function notInPast(schedule: ScheduleInput, now: Date, field: string): void {
  if (schedule.startsAt.getTime() < now.getTime()) {
    throw new ValidationError([{ field, message: 'The hui must start in the future.' }]);
  }
}

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
    ? `assessed as suitable; level of pro-social involvement on this site’s scale: ${INVOLVEMENT_LEVELS[involvement].toLowerCase()}`
    : 'assessed as not suitable to take part';
  return (
    `Support hui (${huiTitle(s)}, ${when}): ${p.name} (${p.relationship}). ` +
    `Prisoner consented to contact; ${p.name} consented to take part; ${verdict}. Contact: ${contactPlan}`
  );
}

// --- decide ------------------------------------------------------------------------------------

function start(input: StartInput, ctx: DecideContext): StartResult {
  const { actor, now } = ctx;
  const isCm = hasAnyRole(actor, CASE_MANAGER_ROLES, input.site);
  if (!isCm && !actor.roles.some((g) => g.site === input.site || g.site === '*')) {
    throw new ForbiddenError(`This is for corrections staff at ${input.site}.`, { site: input.site });
  }
  // C.07.02 and C.07.05: staff other than the case manager must bring the prisoner's case manager in.
  const caseManagerId = resolveCaseManager(input, actor);
  notInPast(input.schedule, now, 'date');
  let nextId = 1;
  const supportPeople: SupportPerson[] = input.supportPeople.map((p) => ({ id: `sp${nextId++}`, ...p }));
  const providers = input.providers.map((p) => ({ id: `pv${nextId++}`, ...p }));
  const victimParties = input.victimParties?.map((v) => ({ id: `vp${nextId++}`, ...v }));
  const payload = {
    prisonerId: input.prisonerId,
    prisonerName: input.prisonerName,
    site: input.site,
    organiserId: actor.aadObjectId,
    organiserName: actor.name,
    caseManagerId,
    huiKind: input.huiKind,
    purpose: input.purpose,
    objectives: input.objectives,
    ...(input.protectiveFactors ? { protectiveFactors: input.protectiveFactors } : {}),
    pillars: input.pillars,
    schedule: toSchedule(input.schedule),
    locationType: input.locationType,
    place: input.place,
    mode: input.mode,
    correctionsStaff: input.correctionsStaff,
    providers,
    supportPeople,
    ...(victimParties ? { victimParties } : {}),
    ...(input.agency ? { agency: input.agency } : {}),
    nextId,
  };
  return {
    header: {
      site: input.site,
      prisonerId: input.prisonerId,
      prisonerName: input.prisonerName,
      title: huiTitle({ huiKind: input.huiKind, prisonerName: input.prisonerName }),
    },
    events: [{ type: 'c07.started', payload }],
  };
}

/** A change to time or attendees after sign-off voids the sign-off: the manager must sign again. */
function reopens(s: HuiState): boolean {
  return huiStage(s) === 'signed-off';
}

function decide(app: HuiApp, command: C07Command, ctx: DecideContext): NewEvent[] {
  const s = app.state;
  const { actor, now } = ctx;
  const stage = huiStage(s);
  switch (command.type) {
    case 'c07.recordPrisonerConsent': {
      requireOrganiser(s, actor);
      requireOpen(s, 'Recording consent');
      if (stage !== 'preparing') wrongStage(s, 'Recording consent');
      const p = person(s, command.personId);
      if (p.prisonerConsent) {
        throw new AlreadyDoneError(
          `The prisoner's consent for ${p.name} was recorded by ${p.prisonerConsent.byName}.`,
          {
            name: p.prisonerConsent.byName,
            at: new Date(p.prisonerConsent.at),
          },
        );
      }
      return [
        {
          type: 'c07.prisonerConsentRecorded',
          payload: { personId: p.id, given: command.prisonerConsent === 'given' },
        },
      ];
    }
    case 'c07.recordSupportConsent': {
      requireOrganiser(s, actor);
      requireOpen(s, 'Recording consent');
      if (stage !== 'preparing') wrongStage(s, 'Recording consent');
      const p = person(s, command.personId);
      // C.07.02: nobody is contacted (and so nobody is asked) until the prisoner has agreed.
      if (p.prisonerConsent?.given !== true) {
        throw new DomainError(
          'CONSENT_REQUIRED',
          `Record the prisoner's consent to contact ${p.name} first.`,
          { personId: p.id },
        );
      }
      if (p.consent) {
        throw new AlreadyDoneError(`${p.name}'s consent was recorded by ${p.consent.byName}.`, {
          name: p.consent.byName,
          at: new Date(p.consent.at),
        });
      }
      return [
        {
          type: 'c07.supportConsentRecorded',
          payload: { personId: p.id, given: command.supportConsent === 'given' },
        },
      ];
    }
    case 'c07.recordSuitability': {
      requireCaseManager(s, actor);
      requireOpen(s, 'Recording suitability');
      if (stage !== 'preparing') wrongStage(s, 'Recording suitability');
      const p = person(s, command.personId);
      if (p.consent?.given !== true) {
        throw new DomainError(
          'CONSENT_REQUIRED',
          `${p.name} must consent to take part before their suitability is assessed.`,
          { personId: p.id },
        );
      }
      if (p.suitability) {
        throw new AlreadyDoneError(`${p.name}'s suitability was assessed by ${p.suitability.byName}.`, {
          name: p.suitability.byName,
          at: new Date(p.suitability.at),
        });
      }
      const suitable = command.suitable === 'yes';
      return [
        {
          type: 'c07.suitabilityRecorded',
          payload: {
            personId: p.id,
            suitable,
            assessment: command.assessment,
            involvement: command.involvement,
            contactPlan: command.contactPlan,
            contactNote: contactNoteFor(s, p, suitable, command.involvement, command.contactPlan),
            iomsRecorded: command.iomsRecorded,
          },
        },
      ];
    }
    case 'c07.recordPartyConsent': {
      requireOrganiser(s, actor);
      requireOpen(s, 'Recording consent');
      if (!isRestorativeJustice(s)) {
        throw new DomainError(
          'WRONG_STAGE',
          'Party consent is recorded only for a restorative justice conference.',
        );
      }
      if (stage !== 'preparing') wrongStage(s, 'Recording consent');
      const party = rjParties(s).find((x) => x.id === command.party);
      if (!party)
        throw new DomainError('NOT_FOUND', 'That party is not on this conference.', { party: command.party });
      const existing = s.partyConsents[party.id];
      if (existing)
        throw new AlreadyDoneError(`Consent for ${party.label} was recorded by ${existing.byName}.`, {
          name: existing.byName,
          at: new Date(existing.at),
        });
      return [
        {
          type: 'c07.partyConsentRecorded',
          payload: { party: party.id, given: command.partyConsent === 'given' },
        },
      ];
    }
    case 'c07.removeSupportPerson': {
      requireOrganiser(s, actor);
      requireOpen(s, 'Removing a support person');
      const p = person(s, command.personId);
      return [
        {
          type: 'c07.supportPersonRemoved',
          payload: { personId: p.id, reason: command.removeReason, reopened: reopens(s) },
        },
      ];
    }
    case 'c07.changeAttendees': {
      requireOrganiser(s, actor);
      requireOpen(s, 'Changing attendees');
      const keep = (o: string, pn: string) =>
        s.providers.find((x) => x.organisation === o && x.person === pn);
      let nextId = s.nextId;
      const providers = command.providers.map(
        (p) => keep(p.organisation, p.person) ?? { id: `pv${nextId++}`, ...p },
      );
      const added = command.add ? { id: `sp${nextId++}`, ...command.add } : undefined;
      const same =
        !added &&
        JSON.stringify(providers) === JSON.stringify(s.providers) &&
        JSON.stringify(command.correctionsStaff) === JSON.stringify(s.correctionsStaff);
      if (same) return [];
      return [
        {
          type: 'c07.attendeesChanged',
          payload: {
            correctionsStaff: command.correctionsStaff,
            providers,
            ...(added ? { added } : {}),
            nextId,
            reopened: reopens(s),
          },
        },
      ];
    }
    case 'c07.sendForSignOff': {
      requireCaseManager(s, actor);
      requireOpen(s, 'Sending for sign-off');
      if (stage !== 'preparing') {
        if (stage === 'awaiting-sign-off')
          throw new AlreadyDoneError('This hui is already with the manager for sign-off.', undefined);
        wrongStage(s, 'Sending for sign-off');
      }
      const missing = outstanding(s);
      if (missing.length > 0) {
        throw new DomainError('CONSENT_REQUIRED', `Not sent: ${missing.join(' ')}`, { outstanding: missing });
      }
      return [{ type: 'c07.sentForSignOff', payload: { round: s.round, managerRole: managerRoleFor(s) } }];
    }
    case 'c07.askQuestion': {
      requireManager(s, actor);
      if (stage !== 'awaiting-sign-off') wrongStage(s, 'Asking a question');
      return [
        { type: 'c07.questionAsked', payload: { questionId: `q${s.nextId}`, question: command.question } },
      ];
    }
    case 'c07.answerQuestion': {
      requireCaseManager(s, actor);
      requireOpen(s, 'Answering');
      const q = s.questions.find((x) => x.id === command.questionId);
      if (!q) throw new DomainError('NOT_FOUND', 'That question is not on this hui.');
      if (q.answered)
        throw new AlreadyDoneError(`Already answered by ${q.answered.byName}.`, {
          name: q.answered.byName,
          at: new Date(q.answered.at),
        });
      return [{ type: 'c07.questionAnswered', payload: { questionId: q.id, answer: command.answer } }];
    }
    case 'c07.requireSafetyMeasures': {
      requireManager(s, actor);
      if (stage !== 'awaiting-sign-off') wrongStage(s, 'Adding safety measures');
      return [{ type: 'c07.safetyMeasuresRequired', payload: { text: command.measures } }];
    }
    case 'c07.signOff': {
      requireManager(s, actor);
      if (s.signOff) {
        throw new AlreadyDoneError(
          `Already signed off by ${s.signOff.byName} on ${formatNz(new Date(s.signOff.at))}.`,
          {
            name: s.signOff.byName,
            at: new Date(s.signOff.at),
          },
        );
      }
      requireOpen(s, 'Signing off');
      if (stage !== 'awaiting-sign-off') wrongStage(s, 'Signing off');
      if (command.question) {
        throw new ValidationError([
          { field: 'question', message: 'Send this with Ask a question, or clear it, before signing off.' },
        ]);
      }
      // Measures typed on the card when signing off are part of what was signed off.
      return [
        ...(command.measures
          ? [{ type: 'c07.safetyMeasuresRequired', payload: { text: command.measures } }]
          : []),
        { type: 'c07.signedOff', payload: { round: s.round } },
      ];
    }
    case 'c07.reschedule': {
      requireOrganiser(s, actor);
      requireOpen(s, 'Rescheduling');
      notInPast(command.schedule, now, 'newDate');
      const to = toSchedule(command.schedule);
      if (s.schedule && to.startsAt === s.schedule.startsAt && to.endsAt === s.schedule.endsAt) return [];
      return [
        {
          type: 'c07.rescheduled',
          payload: { from: s.schedule, to, reason: command.reason, reopened: reopens(s) },
        },
      ];
    }
    case 'c07.cancel': {
      requireOrganiser(s, actor);
      if (s.cancelled) {
        throw new AlreadyDoneError(`Already cancelled by ${s.cancelled.byName}.`, {
          name: s.cancelled.byName,
          at: new Date(s.cancelled.at),
        });
      }
      requireOpen(s, 'Cancelling');
      return [{ type: 'c07.cancelled', payload: { reason: command.reason } }];
    }
    case 'c07.recordExternalCopy': {
      requireOrganiser(s, actor);
      requireOpen(s, 'Recording the copy for entry staff');
      if (!needsExternalCopy(s)) {
        throw new DomainError(
          'WRONG_STAGE',
          'Entry staff at this site get the notification in their Teams channel.',
        );
      }
      if (stage !== 'signed-off') wrongStage(s, 'Recording the copy for entry staff');
      return [{ type: 'c07.externalCopyRecorded', payload: { to: command.copySentTo, round: s.round } }];
    }
    case 'c07.recordOutcome': {
      requireCaseManager(s, actor);
      if (s.outcome) {
        throw new AlreadyDoneError(`The outcome was recorded by ${s.outcome.byName}.`, {
          name: s.outcome.byName,
          at: new Date(s.outcome.at),
        });
      }
      requireOpen(s, 'Recording the outcome');
      if (stage !== 'signed-off') wrongStage(s, 'Recording the outcome');
      if (s.schedule && now.getTime() < new Date(s.schedule.endsAt).getTime()) {
        throw new DomainError(
          'WRONG_STAGE',
          `The outcome can be recorded once the hui has finished (${formatNz(new Date(s.schedule.endsAt))}).`,
        );
      }
      return [
        {
          type: 'c07.outcomeRecorded',
          payload: {
            actions: command.outcomeActions,
            iomsRecorded: command.iomsRecorded,
            ...outcomePlans(s, command),
          },
        },
      ];
    }
  }
}

// --- evolve ------------------------------------------------------------------------------------

function evolve(state: HuiState, event: AppliedEvent): HuiState {
  const stamp = { by: event.actor.aadObjectId, byName: event.actor.name, at: event.at.toISOString() };
  const p = event.payload as Record<string, unknown>;
  const s: HuiState = structuredClone(state);
  const withPerson = (fn: (x: SupportPerson) => void) => {
    const x = s.supportPeople.find((y) => y.id === p.personId);
    if (x) fn(x);
  };
  /** Back to the manager after a change to a signed-off hui; back to preparing if someone new needs consent. */
  const reopen = (needsConsent: boolean) => {
    if (p.reopened === true) {
      s.signOff = undefined;
      s.round += 1;
    }
    if (needsConsent) s.submitted = false;
  };
  switch (event.type) {
    case 'c07.started':
      return { ...s, ...(p as unknown as Partial<HuiState>) };
    case 'c07.prisonerConsentRecorded':
      withPerson((x) => (x.prisonerConsent = { ...stamp, given: p.given === true }));
      return s;
    case 'c07.supportConsentRecorded':
      withPerson((x) => (x.consent = { ...stamp, given: p.given === true }));
      return s;
    case 'c07.suitabilityRecorded':
      withPerson(
        (x) =>
          (x.suitability = {
            ...stamp,
            suitable: p.suitable === true,
            assessment: String(p.assessment),
            involvement: p.involvement as InvolvementLevel,
            contactPlan: String(p.contactPlan),
            contactNote: String(p.contactNote),
            iomsRecorded: p.iomsRecorded === true,
          }),
      );
      return s;
    case 'c07.partyConsentRecorded':
      s.partyConsents[String(p.party)] = { ...stamp, given: p.given === true };
      return s;
    case 'c07.supportPersonRemoved': {
      const x = s.supportPeople.find((y) => y.id === p.personId);
      if (x) {
        s.supportPeople = s.supportPeople.filter((y) => y.id !== x.id);
        s.removedPeople.push({ ...x, removed: { ...stamp, reason: String(p.reason) } });
      }
      reopen(false);
      return s;
    }
    case 'c07.attendeesChanged': {
      s.correctionsStaff = p.correctionsStaff as string[];
      s.providers = p.providers as HuiState['providers'];
      for (const id of Object.keys(s.partyConsents)) {
        if (!rjParties(s).some((x) => x.id === id)) delete s.partyConsents[id];
      }
      const added = p.added as SupportPerson | undefined;
      if (added) s.supportPeople.push(added);
      s.nextId = Number(p.nextId);
      const newRjParty = isRestorativeJustice(s) && s.providers.some((x) => !s.partyConsents[x.id]);
      reopen(added !== undefined || newRjParty);
      return s;
    }
    case 'c07.sentForSignOff':
      s.submitted = true;
      s.everSubmitted = true;
      return s;
    case 'c07.questionAsked':
      s.questions.push({ id: String(p.questionId), question: String(p.question), asked: stamp });
      s.nextId += 1;
      return s;
    case 'c07.questionAnswered': {
      const q = s.questions.find((x) => x.id === p.questionId);
      if (q) {
        q.answer = String(p.answer);
        q.answered = stamp;
      }
      return s;
    }
    case 'c07.safetyMeasuresRequired':
      s.safetyMeasures.push({ ...stamp, text: String(p.text) });
      return s;
    case 'c07.signedOff': {
      const rec = { ...stamp, round: Number(p.round) };
      s.signOff = rec;
      s.signOffs.push(rec);
      s.entryPosted = true;
      return s;
    }
    case 'c07.rescheduled':
      if (s.schedule)
        s.reschedules.push({ ...stamp, reason: String(p.reason), from: s.schedule, to: p.to as Schedule });
      s.schedule = p.to as Schedule;
      reopen(false);
      return s;
    case 'c07.cancelled':
      s.cancelled = { ...stamp, reason: String(p.reason) };
      return s;
    case 'c07.externalCopyRecorded':
      s.externalCopies.push({ ...stamp, to: String(p.to), round: Number(p.round) });
      return s;
    case 'c07.outcomeRecorded':
      s.outcome = {
        ...stamp,
        ...outcomePlans({ huiKind: 'whanau-hui' }, p),
        actions: String(p.actions),
        iomsRecorded: p.iomsRecorded === true,
      };
      return s;
    default:
      return s;
  }
}

// --- tasks and notifications ------------------------------------------------------------------

function tasks(app: Omit<HuiApp, 'openTasks' | 'taskKeys'>): Task[] {
  const s = app.state;
  const stage = huiStage(s);
  const cm = s.caseManagerId;
  const out: Task[] = [];
  if (stage === 'preparing') {
    const ready = outstanding(s).length === 0;
    out.push({
      key: 'c07:prepare',
      label: ready
        ? `Send ${app._id} to the manager for sign-off`
        : `Record consents and suitability for ${app._id}`,
      roles: [],
      site: app.site,
      assignee: cm,
      card: 'c07.consent',
    });
  }
  if (stage === 'awaiting-sign-off') {
    out.push({
      key: 'c07:sign-off',
      label: `Sign off ${app._id}: ${app.title}`,
      roles: [managerRoleFor(s)],
      site: app.site,
      card: 'c07.notification',
      term: 'decision',
    });
  }
  for (const q of s.questions) {
    if (!q.answered && stage !== 'cancelled' && stage !== 'completed') {
      out.push({
        key: `c07:question:${q.id}`,
        label: `Answer the manager's question on ${app._id}`,
        roles: [],
        site: app.site,
        assignee: cm,
        card: 'c07.question',
        params: { questionId: q.id },
      });
    }
  }
  if (stage === 'signed-off' && needsExternalCopy(s) && !s.externalCopies.some((c) => c.round === s.round)) {
    out.push({
      key: 'c07:external-copy',
      label: `Give the signed-off notification of ${app._id} to the entry staff at ${s.place}`,
      roles: [],
      site: app.site,
      assignee: cm,
      card: 'c07.status',
      term: 'followUp',
    });
  }
  if (stage === 'signed-off' && s.schedule) {
    out.push({
      key: 'c07:outcome',
      label: `Record the outcome actions of ${app._id}`,
      roles: [],
      site: app.site,
      assignee: cm,
      availableFrom: new Date(s.schedule.endsAt),
      card: 'c07.outcome',
      term: 'followUp',
    });
  }
  return out;
}

function people(s: HuiState, except?: string): Notification['target'][] {
  return [...new Set([s.caseManagerId, s.organiserId])]
    .filter((id) => id !== '' && id !== except)
    .map((aadObjectId) => ({ kind: 'person' as const, aadObjectId }));
}

function notifications(app: HuiApp, event: AuditEvent): Notification[] {
  const s = app.state;
  const id = app._id;
  const managers: Notification['target'] = { kind: 'role', roles: [managerRoleFor(s)], site: app.site };
  const entry: Notification['target'] = { kind: 'channel', purpose: ENTRY_STAFF_CHANNEL, site: app.site };
  const toPeople = (
    key: string,
    text: string,
    card: string,
    except?: string,
    params?: Record<string, string>,
  ): Notification[] =>
    people(s, except).map((target, i) => ({
      key: `${key}${i}`,
      target,
      text,
      cardRef: { name: card, applicationId: id, ...(params ? { params } : {}) },
    }));
  const entryPost = (key: string, text: string): Notification => ({
    key,
    target: entry,
    text,
    cardRef: { name: 'c07.entrypost', applicationId: id },
    threadKey: entryThreadKey(id),
  });
  const toManager = (key: string, text: string): Notification => ({
    key,
    target: managers,
    text,
    cardRef: { name: 'c07.notification', applicationId: id },
  });
  const actor = event.actor.aadObjectId;
  switch (event.type) {
    case 'c07.started':
      return toPeople(
        'named',
        `${event.actor.name} is organising a support hui (${id}) with you as case manager.`,
        'c07.consent',
        actor,
      );
    case 'c07.sentForSignOff':
      return [
        toManager('manager', `Support hui ${id} for ${app.prisonerName} is ready for your sign-off.`),
        ...toPeople('sent', `${id} was sent for sign-off.`, 'c07.status', actor),
      ];
    case 'c07.questionAsked': {
      const qid = String(event.payload.questionId);
      return [
        {
          key: 'question',
          target: { kind: 'person', aadObjectId: s.caseManagerId },
          text: `${event.actor.name} has a question about support hui ${id}.`,
          cardRef: { name: 'c07.question', applicationId: id, params: { questionId: qid } },
        },
      ];
    }
    case 'c07.questionAnswered': {
      const q = s.questions.find((x) => x.id === event.payload.questionId);
      if (!q) return [];
      return [
        {
          key: 'answer',
          target: { kind: 'person', aadObjectId: q.asked.by },
          text: `${event.actor.name} answered your question on support hui ${id}.`,
          cardRef: { name: 'c07.notification', applicationId: id },
        },
      ];
    }
    case 'c07.safetyMeasuresRequired':
      // Measures given with the sign-off itself arrive in the sign-off message, not as a second one.
      if (s.signOff?.at === event.at.toISOString()) return [];
      return toPeople(
        'measures',
        `${event.actor.name} added safety measures to support hui ${id}.`,
        'c07.status',
      );
    case 'c07.signedOff':
      return [
        entryPost(
          'entry',
          `Support hui ${id} is signed off: ${formatNz(new Date(s.schedule?.startsAt ?? event.at))}.`,
        ),
        ...toPeople('signed', `${event.actor.name} signed off support hui ${id}.`, 'c07.status'),
      ];
    case 'c07.rescheduled':
    case 'c07.attendeesChanged':
    case 'c07.supportPersonRemoved': {
      const what = event.type === 'c07.rescheduled' ? 'rescheduled' : 'changed';
      const out: Notification[] = toPeople(
        'changed',
        `Support hui ${id} was ${what} by ${event.actor.name}.`,
        'c07.status',
        actor,
      );
      // Whoever was already told hears again: the manager once it reached them, entry staff once posted.
      if (s.everSubmitted)
        out.push(
          toManager(
            'manager',
            `Support hui ${id} was ${what}${s.submitted ? ' and needs your sign-off again' : ''}.`,
          ),
        );
      if (s.entryPosted)
        out.push(
          entryPost('entry', `Support hui ${id} was ${what}: it is not confirmed until signed off again.`),
        );
      return out;
    }
    case 'c07.cancelled': {
      const out: Notification[] = toPeople(
        'cancelled',
        `Support hui ${id} was cancelled by ${event.actor.name}.`,
        'c07.status',
        actor,
      );
      if (s.everSubmitted) out.push(toManager('manager', `Support hui ${id} was cancelled.`));
      if (s.entryPosted) out.push(entryPost('entry', `Support hui ${id} was cancelled.`));
      return out;
    }
    default:
      return [];
  }
}

// --- chat ----------------------------------------------------------------------------------------

const ID = '(HUI-\\d{4}-\\d{5,})';

function cardCommand(verb: string, card: string, description: string): ChatCommandSpec {
  const re = new RegExp(`^${verb}\\s+hui\\s+${ID}$`, 'i');
  return {
    usage: `${verb} hui <id>`,
    description,
    match(text) {
      const m = re.exec(text.trim());
      return m?.[1] ? { kind: 'card', card, applicationId: m[1].toUpperCase() } : null;
    },
  };
}

export const chatCommands: ChatCommandSpec[] = [
  {
    usage: 'new hui',
    description:
      'Organise a support hui (C.07): whānau, reintegration, support planning, restorative justice, family group conference or another agency’s hui.',
    match: (text) => (/^new\s+hui$/i.test(text.trim()) ? { kind: 'start', workflow: 'C07' } : null),
  },
  cardCommand(
    'cancel',
    'c07.cancel',
    'Cancel a support hui, with a reason; everyone already told is told again.',
  ),
  cardCommand(
    'reschedule',
    'c07.reschedule',
    'Move a support hui to a new date or time; a signed-off hui goes back for sign-off.',
  ),
];

export const c07Definition: WorkflowDefinition<HuiState, C07Command, StartInput> = {
  kind: 'C07',
  idPrefix: 'HUI',
  label: 'support hui',
  commandSchema,
  startSchema,
  start,
  initialState: emptyState,
  evolve,
  decide,
  stage: huiStage,
  closed: (s) => s.cancelled !== undefined || s.outcome !== undefined,
  tasks,
  participants: (s) => [...new Set([s.organiserId, s.caseManagerId].filter((x) => x !== ''))],
  notifications,
  chatCommands,
};
