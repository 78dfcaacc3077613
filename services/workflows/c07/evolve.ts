import type { AppliedEvent } from '../../workflow/types';
import { isRestorativeJustice, rjParties } from './model';
import type { Stamp } from '../../workflow/stamp';
import { stampOf } from '../../workflow/stamp';
import type { HuiState, InvolvementLevel, Schedule, SupportPerson } from './model';
import { outcomePlans } from './plans';

/** Event types, as written to the audit trail. */
export const EV = {
  started: 'c07.started',
  prisonerConsentRecorded: 'c07.prisonerConsentRecorded',
  supportConsentRecorded: 'c07.supportConsentRecorded',
  suitabilityRecorded: 'c07.suitabilityRecorded',
  partyConsentRecorded: 'c07.partyConsentRecorded',
  supportPersonRemoved: 'c07.supportPersonRemoved',
  attendeesChanged: 'c07.attendeesChanged',
  sentForSignOff: 'c07.sentForSignOff',
  questionAsked: 'c07.questionAsked',
  questionAnswered: 'c07.questionAnswered',
  safetyMeasuresRequired: 'c07.safetyMeasuresRequired',
  signedOff: 'c07.signedOff',
  rescheduled: 'c07.rescheduled',
  cancelled: 'c07.cancelled',
  externalCopyRecorded: 'c07.externalCopyRecorded',
  outcomeRecorded: 'c07.outcomeRecorded',
  matchReviewed: 'c07.matchReviewed',
} as const;
export type C07EventType = (typeof EV)[keyof typeof EV];

/** How each event reads on the hui's timeline. */
export const EVENT_LABELS: Record<C07EventType, string> = {
  [EV.started]: 'Hui organised',
  [EV.prisonerConsentRecorded]: 'Prisoner’s consent to contact recorded',
  [EV.supportConsentRecorded]: 'Support person’s consent recorded',
  [EV.suitabilityRecorded]: 'Suitability assessment recorded',
  [EV.partyConsentRecorded]: 'Informed consent recorded',
  [EV.supportPersonRemoved]: 'Support person removed',
  [EV.attendeesChanged]: 'Attendees changed',
  [EV.sentForSignOff]: 'Sent to the manager for sign-off',
  [EV.questionAsked]: 'Manager asked a question',
  [EV.questionAnswered]: 'Case manager answered',
  [EV.safetyMeasuresRequired]: 'Safety measures required',
  [EV.signedOff]: 'Signed off; entry staff told',
  [EV.rescheduled]: 'Rescheduled',
  [EV.cancelled]: 'Cancelled',
  [EV.externalCopyRecorded]: 'Copy given to entry staff outside Teams',
  [EV.outcomeRecorded]: 'Outcome actions recorded',
  [EV.matchReviewed]: 'Support person’s match to a V.01 record reviewed',
};

type Payload = Record<string, unknown>;
/** Applies one event to a copy of the state (the copy is the handler's to change). */
type Apply = (s: HuiState, p: Payload, stamp: Stamp) => void;

function withPerson(s: HuiState, p: Payload, fn: (x: SupportPerson) => void): void {
  const x = s.supportPeople.find((y) => y.id === p.personId);
  if (x) fn(x);
}

/** Back to the manager after a change to a signed-off hui; back to preparing if someone new needs consent. */
function reopen(s: HuiState, p: Payload, needsConsent: boolean): void {
  if (p.reopened === true) {
    s.signOff = undefined;
    s.round += 1;
  }
  if (needsConsent) s.submitted = false;
}

const consentsAndPeople: Partial<Record<C07EventType, Apply>> = {
  [EV.prisonerConsentRecorded]: (s, p, stamp) =>
    withPerson(s, p, (x) => (x.prisonerConsent = { ...stamp, given: p.given === true })),
  [EV.supportConsentRecorded]: (s, p, stamp) =>
    withPerson(s, p, (x) => (x.consent = { ...stamp, given: p.given === true })),
  [EV.suitabilityRecorded]: (s, p, stamp) =>
    withPerson(
      s,
      p,
      (x) =>
        (x.suitability = {
          ...stamp,
          suitable: p.suitable === true,
          assessment: String(p.assessment),
          involvement: p.involvement as InvolvementLevel,
          ...(typeof p.involvementLabel === 'string' ? { involvementLabel: p.involvementLabel } : {}),
          contactPlan: String(p.contactPlan),
          contactNote: String(p.contactNote),
          iomsRecorded: p.iomsRecorded === true,
        }),
    ),
  [EV.matchReviewed]: (s, p, stamp) => {
    s.matchReviews = [
      ...(s.matchReviews ?? []),
      {
        ...stamp,
        key: String(p.key),
        personId: String(p.personId),
        ref: String(p.ref),
        confirmed: p.confirmed === true,
        reason: String(p.reason),
      },
    ];
  },
  [EV.partyConsentRecorded]: (s, p, stamp) => {
    s.partyConsents[String(p.party)] = { ...stamp, given: p.given === true };
  },
  [EV.supportPersonRemoved]: (s, p, stamp) => {
    const x = s.supportPeople.find((y) => y.id === p.personId);
    if (x) {
      s.supportPeople = s.supportPeople.filter((y) => y.id !== x.id);
      s.removedPeople.push({ ...x, removed: { ...stamp, reason: String(p.reason) } });
    }
    reopen(s, p, false);
  },
  [EV.attendeesChanged]: (s, p) => {
    s.correctionsStaff = p.correctionsStaff as string[];
    s.providers = p.providers as HuiState['providers'];
    for (const id of Object.keys(s.partyConsents)) {
      if (!rjParties(s).some((x) => x.id === id)) delete s.partyConsents[id];
    }
    const added = p.added as SupportPerson | undefined;
    if (added) s.supportPeople.push(added);
    s.nextId = Number(p.nextId);
    const newRjParty = isRestorativeJustice(s) && s.providers.some((x) => !s.partyConsents[x.id]);
    reopen(s, p, added !== undefined || newRjParty);
  },
};

const signingAndAfter: Partial<Record<C07EventType, Apply>> = {
  [EV.sentForSignOff]: (s) => {
    s.submitted = true;
    s.everSubmitted = true;
  },
  [EV.questionAsked]: (s, p, stamp) => {
    s.questions.push({ id: String(p.questionId), question: String(p.question), asked: stamp });
    s.nextId += 1;
  },
  [EV.questionAnswered]: (s, p, stamp) => {
    const q = s.questions.find((x) => x.id === p.questionId);
    if (q) {
      q.answer = String(p.answer);
      q.answered = stamp;
    }
  },
  [EV.safetyMeasuresRequired]: (s, p, stamp) => {
    s.safetyMeasures.push({ ...stamp, text: String(p.text) });
  },
  [EV.signedOff]: (s, p, stamp) => {
    const rec = { ...stamp, round: Number(p.round) };
    s.signOff = rec;
    s.signOffs.push(rec);
    s.entryPosted = true;
  },
  [EV.rescheduled]: (s, p, stamp) => {
    if (s.schedule)
      s.reschedules.push({ ...stamp, reason: String(p.reason), from: s.schedule, to: p.to as Schedule });
    s.schedule = p.to as Schedule;
    reopen(s, p, false);
  },
  [EV.cancelled]: (s, p, stamp) => {
    s.cancelled = { ...stamp, reason: String(p.reason) };
  },
  [EV.externalCopyRecorded]: (s, p, stamp) => {
    s.externalCopies.push({ ...stamp, to: String(p.to), round: Number(p.round) });
  },
  [EV.outcomeRecorded]: (s, p, stamp) => {
    s.outcome = {
      ...stamp,
      ...outcomePlans({ huiKind: 'whanau-hui' }, p),
      actions: String(p.actions),
      iomsRecorded: p.iomsRecorded === true,
    };
  },
};

const appliers: Partial<Record<string, Apply>> = { ...consentsAndPeople, ...signingAndAfter };

export function evolve(state: HuiState, event: AppliedEvent): HuiState {
  const p = event.payload as Payload;
  if (event.type === EV.started) return { ...structuredClone(state), ...(p as unknown as Partial<HuiState>) };
  const apply = appliers[event.type];
  if (!apply) return state;
  const s: HuiState = structuredClone(state);
  apply(s, p, stampOf(event));
  return s;
}
