import type { AuditEvent } from '../../workflow/domain';
import { formatNz } from '../../time';
import type { Notification } from '../../workflow/types';
import { EV } from './evolve';
import { ENTRY_STAFF_CHANNEL, entryThreadKey, managerRoleFor } from './model';
import type { HuiApp, HuiState } from './model';

function people(s: HuiState, except?: string): Notification['target'][] {
  return [...new Set([s.caseManagerId, s.organiserId])]
    .filter((id) => id !== '' && id !== except)
    .map((aadObjectId) => ({ kind: 'person' as const, aadObjectId }));
}

/** The ways a hui's news goes out: to its case manager and organiser, the manager, entry staff. */
function sendersFor(app: HuiApp) {
  const s = app.state;
  const id = app._id;
  return {
    toPeople: (key: string, text: string, card: string, except?: string): Notification[] =>
      people(s, except).map((target, i) => ({
        key: `${key}${i}`,
        target,
        text,
        cardRef: { name: card, applicationId: id },
      })),
    entryPost: (key: string, text: string): Notification => ({
      key,
      target: { kind: 'channel', purpose: ENTRY_STAFF_CHANNEL, site: app.site },
      text,
      cardRef: { name: 'c07.entrypost', applicationId: id },
      threadKey: entryThreadKey(id),
    }),
    toManager: (key: string, text: string): Notification => ({
      key,
      target: { kind: 'role', roles: [managerRoleFor(s)], site: app.site },
      text,
      cardRef: { name: 'c07.notification', applicationId: id },
    }),
  };
}

type Sender = (app: HuiApp, event: AuditEvent, to: ReturnType<typeof sendersFor>) => Notification[];

/** Whoever was already told hears again: the manager once it reached them, entry staff once posted. */
const changed: Sender = (app, event, to) => {
  const s = app.state;
  const id = app._id;
  const what = event.type === EV.rescheduled ? 'rescheduled' : 'changed';
  const out = to.toPeople(
    'changed',
    `Support hui ${id} was ${what} by ${event.actor.name}.`,
    'c07.status',
    event.actor.aadObjectId,
  );
  if (s.everSubmitted)
    out.push(
      to.toManager(
        'manager',
        `Support hui ${id} was ${what}${s.submitted ? ' and needs your sign-off again' : ''}.`,
      ),
    );
  if (s.entryPosted)
    out.push(
      to.entryPost('entry', `Support hui ${id} was ${what}: it is not confirmed until signed off again.`),
    );
  return out;
};

const senders: Partial<Record<string, Sender>> = {
  [EV.started]: (app, event, to) =>
    to.toPeople(
      'named',
      `${event.actor.name} is organising a support hui (${app._id}) with you as case manager.`,
      'c07.consent',
      event.actor.aadObjectId,
    ),
  [EV.sentForSignOff]: (app, event, to) => [
    to.toManager('manager', `Support hui ${app._id} for ${app.prisonerName} is ready for your sign-off.`),
    ...to.toPeople('sent', `${app._id} was sent for sign-off.`, 'c07.status', event.actor.aadObjectId),
  ],
  [EV.questionAsked]: (app, event) => [
    {
      key: 'question',
      target: { kind: 'person', aadObjectId: app.state.caseManagerId },
      text: `${event.actor.name} has a question about support hui ${app._id}.`,
      cardRef: {
        name: 'c07.question',
        applicationId: app._id,
        params: { questionId: String(event.payload.questionId) },
      },
    },
  ],
  [EV.questionAnswered]: (app, event) => {
    const q = app.state.questions.find((x) => x.id === event.payload.questionId);
    if (!q) return [];
    return [
      {
        key: 'answer',
        target: { kind: 'person', aadObjectId: q.asked.aadObjectId },
        text: `${event.actor.name} answered your question on support hui ${app._id}.`,
        cardRef: { name: 'c07.notification', applicationId: app._id },
      },
    ];
  },
  // Measures given with the sign-off itself arrive in the sign-off message, not as a second one.
  [EV.safetyMeasuresRequired]: (app, event, to) =>
    app.state.signOff?.at === event.at.toISOString()
      ? []
      : to.toPeople(
          'measures',
          `${event.actor.name} added safety measures to support hui ${app._id}.`,
          'c07.status',
        ),
  [EV.signedOff]: (app, event, to) => [
    to.entryPost(
      'entry',
      `Support hui ${app._id} is signed off: ${formatNz(new Date(app.state.schedule?.startsAt ?? event.at))}.`,
    ),
    ...to.toPeople('signed', `${event.actor.name} signed off support hui ${app._id}.`, 'c07.status'),
  ],
  // A review of a support person's match is news for the other reviewer (issue 14 item 12).
  [EV.matchReviewed]: (app, event, to) => {
    const verb = event.payload.confirmed === true ? 'confirmed' : 'dismissed';
    const text = `${event.actor.name} ${verb} a support person’s match to ${String(event.payload.ref)} on support hui ${app._id}.`;
    const out = to.toPeople('reviewed', text, 'c07.status', event.actor.aadObjectId);
    if (app.state.submitted && !app.state.signOff) out.push(to.toManager('manager', text));
    return out;
  },
  [EV.rescheduled]: changed,
  [EV.attendeesChanged]: changed,
  [EV.supportPersonRemoved]: changed,
  [EV.cancelled]: (app, event, to) => {
    const id = app._id;
    const out = to.toPeople(
      'cancelled',
      `Support hui ${id} was cancelled by ${event.actor.name}.`,
      'c07.status',
      event.actor.aadObjectId,
    );
    if (app.state.everSubmitted) out.push(to.toManager('manager', `Support hui ${id} was cancelled.`));
    if (app.state.entryPosted) out.push(to.entryPost('entry', `Support hui ${id} was cancelled.`));
    return out;
  },
};

export function notifications(app: HuiApp, event: AuditEvent): Notification[] {
  const send = senders[event.type];
  return send ? send(app, event, sendersFor(app)) : [];
}
