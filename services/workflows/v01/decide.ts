import type { Actor } from '../../directory/person';
import { DESIGNATED_STAFF, GROUNDS, MANAGER_DECIDERS } from '../../policy/v01';
import type { ApplicationDoc } from '../../workflow/domain';
import { formatNz } from '../../time';
import { alreadyDone, invalid, requireRole, wrongStage } from '../../workflow/guards';
import { decideByTable } from '../../workflow/decide';
import type { HandlerTable } from '../../workflow/decide';
import type { Stamp } from '../../workflow/stamp';
import type { V01Command } from './commands';
import {
  decideCheck,
  decideDecision,
  decidePanelAssessment,
  decideReviewOutcome,
  decideReviewRequest,
} from './decision';
import type { Handler } from './decision';
import { EV } from './evolve';
import { redecide, updateRestriction } from './suspension';
import { requiredFollowUps, requiredNotices } from './followUps';
import {
  GM,
  RESPONSE_GROUNDS,
  REVIEW_OFFICER,
  currentRestriction,
  openResponseOffer,
  openSuspension,
} from './model';
import type { V01State } from './model';
import {
  nominationOf,
  notFuture,
  requireNotBlocked,
  requireStage,
  requireUndecided,
  requireUndecidedOrSuspended,
} from './rules';

function requireStaff(app: Pick<ApplicationDoc, 'site'>, actor: Actor): void {
  requireRole(actor, DESIGNATED_STAFF, app.site);
}

/** A step designated staff record once, while the application is undecided: `done` is its record. */
function staffOnce(
  app: ApplicationDoc<V01State>,
  actor: Actor,
  done: Pick<Stamp, 'name' | 'at'> | undefined,
  what: string,
): V01State {
  requireStaff(app, actor);
  if (done) alreadyDone(what, done);
  requireUndecided(app.state);
  return app.state;
}

/** A staff step that a contact restriction also holds up (V.01.01.4). */
function staffStep(
  app: ApplicationDoc<V01State>,
  actor: Actor,
  done: Pick<Stamp, 'name' | 'at'> | undefined,
  what: string,
): V01State {
  const s = staffOnce(app, actor, done, what);
  requireNotBlocked(s);
  return s;
}

const recordProtectedPersonContact: Handler<'v01.recordProtectedPersonContact'> = (
  app,
  c,
  { actor, now },
) => {
  const s = app.state;
  requireStaff(app, actor);
  if (s.protectedContact)
    alreadyDone('The protected person’s contact was already recorded', s.protectedContact);
  requireUndecidedOrSuspended(s);
  const r = currentRestriction(s);
  if (r === 'non-contact-condition') {
    wrongStage(
      'Under a non-contact condition the protected person’s request is not enough: a court exemption must be recorded.',
    );
  }
  if (r === 'none') wrongStage('No protection or restraining order is recorded for this visitor.');
  notFuture('contactedOn', c.contactedOn, now);
  return [
    {
      type: EV.protectedPersonContacted,
      payload: { contactedOn: c.contactedOn, how: c.how, details: c.details },
    },
  ];
};

const recordCourtExemption: Handler<'v01.recordCourtExemption'> = (app, c, { actor }) => {
  const s = app.state;
  requireStaff(app, actor);
  if (s.courtExemption) alreadyDone('A court exemption was already recorded', s.courtExemption);
  requireUndecidedOrSuspended(s);
  if (currentRestriction(s) !== 'non-contact-condition')
    wrongStage('A court exemption applies to a non-contact condition only.');
  return [{ type: EV.courtExemptionRecorded, payload: { reference: c.reference, details: c.details } }];
};

const recordCppAlert: Handler<'v01.recordCppAlert'> = (app, c, { actor }) => {
  const s = app.state;
  requireRole(actor, [...DESIGNATED_STAFF, ...GM], app.site);
  if (s.cppAlertAdded) alreadyDone('The Child Protection Policy alert was already recorded', s.cppAlertAdded);
  if (s.nomination?.cppAlert && s.started)
    alreadyDone('The Child Protection Policy alert was already recorded', s.started);
  requireUndecided(s);
  return [{ type: EV.cppAlertRecorded, payload: { note: c.note } }];
};

const recordOrangaTamarikiCheck: Handler<'v01.recordOrangaTamarikiCheck'> = (app, c, { actor }) => {
  const what = 'The Oranga Tamariki answer was already recorded';
  const s = staffOnce(app, actor, app.state.orangaTamariki, what);
  if (!nominationOf(s).orangaTamarikiCare)
    wrongStage('The prisoner did not say this child is in Oranga Tamariki care.');
  if (c.inCare) {
    if (!c.socialWorkerName) invalid('socialWorkerName', 'Enter the assigned social worker');
    if (!c.socialWorkerEmail) invalid('socialWorkerEmail', 'Enter the social worker’s email address');
    return [
      {
        type: EV.orangaTamarikiChecked,
        payload: {
          inCare: true,
          socialWorkerName: c.socialWorkerName,
          socialWorkerEmail: c.socialWorkerEmail,
        },
      },
    ];
  }
  if (!c.consenterKind) invalid('consenterKind', 'Not in care: say who will consent for the child');
  if (!c.consenterName) invalid('consenterName', 'Required');
  if (!c.consenterRelationship) invalid('consenterRelationship', 'Required');
  if (!c.consenterAddress) invalid('consenterAddress', 'Required');
  if (c.consenterKind === 'other' && !c.consenterReason)
    invalid('consenterReason', 'Say why the guardian is not available or not appropriate');
  return [
    {
      type: EV.orangaTamarikiChecked,
      payload: {
        inCare: false,
        consenter: {
          kind: c.consenterKind,
          name: c.consenterName,
          relationship: c.consenterRelationship,
          address: c.consenterAddress,
          ...(c.consenterReason ? { reason: c.consenterReason } : {}),
        },
      },
    },
  ];
};

const recordFormsSent: Handler<'v01.recordFormsSent'> = (app, c, { actor }) => {
  const s = staffStep(app, actor, app.state.formsSent, 'Sending the forms was already recorded');
  if (nominationOf(s).orangaTamarikiCare && !s.orangaTamariki)
    wrongStage('Confirm with the child visits team whether the child is in Oranga Tamariki care first.');
  return [{ type: EV.formsSent, payload: { to: c.sentTo, method: c.method } }];
};

const recordApplicationReceived: Handler<'v01.recordApplicationReceived'> = (app, c, { actor }) => {
  const what = 'The completed application was already recorded';
  const s = staffStep(app, actor, app.state.applicationReceived, what);
  if (!s.formsSent) wrongStage('Record that the forms were sent first.');
  return [{ type: EV.applicationReceived, payload: { method: c.method } }];
};

const recordRiskCheck: Handler<'v01.recordRiskCheck'> = (app, c, { actor }) => {
  const what = 'The check for other risks was already recorded';
  requireStage(staffStep(app, actor, app.state.riskCheck, what), ['routing']);
  return [{ type: EV.riskChecked, payload: { otherRiskSigns: c.otherRiskSigns } }];
};

const recordManagerConsulted: Handler<'v01.recordManagerConsulted'> = (app, c, { actor }) => {
  const what = 'The consultation with the reception/movements manager was already recorded';
  requireStage(staffStep(app, actor, app.state.managerConsulted, what), ['routing']);
  return [{ type: EV.managerConsulted, payload: { manager: c.manager, advice: c.advice, note: c.note } }];
};

/** Routing a child visitor's application (V.01.04.1–3) needs the risk check and the consultation first. */
function consultedBeforeRouting(app: ApplicationDoc<V01State>, actor: Actor) {
  const s = staffStep(app, actor, app.state.routing, 'Routing was already recorded');
  requireStage(s, ['routing']);
  if (!s.riskCheck) wrongStage('Record the check for other indications of risk to the child first.');
  if (!s.managerConsulted) wrongStage('Record the consultation with the reception/movements manager first.');
  return s.managerConsulted;
}

const routeToPanel: Handler<'v01.routeToPanel'> = (app, c, { actor }) => {
  consultedBeforeRouting(app, actor);
  return [{ type: EV.routed, payload: { to: 'panel', reasons: c.reasons } }];
};

const recommend: Handler<'v01.recommend'> = (app, c, { actor }) => {
  const consulted = consultedBeforeRouting(app, actor);
  if (consulted.advice === 'panel') {
    wrongStage(
      'The reception/movements manager advised that the advisory panel should consider this application.',
    );
  }
  return [
    {
      type: EV.routed,
      payload: { to: 'manager', recommendation: c.recommendation, reasons: c.reasons },
    },
  ];
};

const convenePanel: Handler<'v01.convenePanel'> = (app, c, { actor }) => {
  const s = app.state;
  requireRole(actor, [...DESIGNATED_STAFF, ...GM], app.site);
  if (s.panel) alreadyDone('The advisory panel was already recorded', s.panel.convened);
  requireUndecided(s);
  requireNotBlocked(s);
  requireStage(s, ['panel-convening']);
  const seen = new Set<string>();
  const coreMembers = c.coreMembers.filter((m) =>
    seen.has(m.aadObjectId) ? false : (seen.add(m.aadObjectId), true),
  );
  return [{ type: EV.panelConvened, payload: { coreMembers } }];
};

const offerResponse: Handler<'v01.offerResponse'> = (app, c, { actor }) => {
  const s = app.state;
  requireRole(actor, [...DESIGNATED_STAFF, ...MANAGER_DECIDERS], app.site);
  requireUndecided(s);
  requireNotBlocked(s);
  if (!s.applicationReceived) wrongStage('The completed application has not been received yet.');
  const open = openResponseOffer(s);
  if (open)
    wrongStage(
      `An opportunity to respond given on ${formatNz(new Date(open.at))} is still waiting for its response.`,
    );
  if (c.grounds.length === 0) invalid('grounds', 'Choose what the applicant is being asked about');
  const wrong = c.grounds.find((g) => !RESPONSE_GROUNDS.includes(g));
  if (wrong)
    invalid(
      'grounds',
      `“${GROUNDS[wrong].label}” is not something the applicant is asked to answer (V.01.03.4)`,
    );
  return [{ type: EV.responseOffered, payload: { grounds: c.grounds, details: c.details } }];
};

const recordResponse: Handler<'v01.recordResponse'> = (app, c, { actor }) => {
  const s = app.state;
  requireRole(actor, [...DESIGNATED_STAFF, ...MANAGER_DECIDERS], app.site);
  requireUndecided(s);
  if (!openResponseOffer(s)) {
    const last = s.responseOffers[s.responseOffers.length - 1];
    if (last?.response) alreadyDone('The applicant’s response was already recorded', last.response);
    wrongStage('No opportunity to respond has been given.');
  }
  return [{ type: EV.responseRecorded, payload: { text: c.response } }];
};

const recordNoticeGiven: Handler<'v01.recordNoticeGiven'> = (app, c, { actor }) => {
  const s = app.state;
  requireRole(actor, [...DESIGNATED_STAFF, ...MANAGER_DECIDERS], app.site);
  const required = requiredNotices(s, app.prisonerName).find((n) => n.key === c.notice);
  if (!required) wrongStage('That notice is not due for this application.');
  const given = s.notices[c.notice];
  if (given) alreadyDone(`Giving “${required.form}” was already recorded`, given);
  return [{ type: EV.noticeGiven, payload: { notice: c.notice, method: c.method } }];
};

const recordFollowUp: Handler<'v01.recordFollowUp'> = (app, c, { actor }) => {
  const s = app.state;
  const item = requiredFollowUps(s).find((f) => f.key === c.item);
  const roles = [
    ...DESIGNATED_STAFF,
    ...MANAGER_DECIDERS,
    ...(c.item.endsWith('-complaint') ? REVIEW_OFFICER : []),
  ];
  requireRole(actor, item?.roles ?? roles, app.site);
  if (!item) wrongStage('That follow-up is not due for this application.');
  const done = s.followUps[c.item];
  if (done) alreadyDone(`“${item.label}” was already recorded`, done);
  // No first visit is arranged under a suspended approval (V.01.01.4).
  if (openSuspension(s) && (c.item === 'induction' || c.item === 'entry-card'))
    wrongStage(
      'The approval is suspended by a new contact restriction: no visit is arranged until it is decided again.',
    );
  if (item.needsDate && !c.date) invalid('date', 'Enter the date');
  if (item.after && !s.followUps[item.after])
    wrongStage('Record the induction first: the entry card is issued after approval and induction.');
  return [
    {
      type: EV.followUpRecorded,
      payload: { item: c.item, ...(c.note ? { note: c.note } : {}), ...(c.date ? { date: c.date } : {}) },
    },
  ];
};

const withdraw: Handler<'v01.withdraw'> = (app, c, { actor }) => {
  staffOnce(app, actor, app.state.withdrawn, 'Closing this application was already recorded');
  return [{ type: EV.withdrawn, payload: { reason: c.reason } }];
};

const handlers: HandlerTable<V01State, V01Command> = {
  'v01.recordProtectedPersonContact': recordProtectedPersonContact,
  'v01.recordCourtExemption': recordCourtExemption,
  'v01.updateRestriction': updateRestriction,
  'v01.recordCppAlert': recordCppAlert,
  'v01.recordOrangaTamarikiCheck': recordOrangaTamarikiCheck,
  'v01.recordFormsSent': recordFormsSent,
  'v01.recordApplicationReceived': recordApplicationReceived,
  'v01.checkItem': decideCheck,
  'v01.recordRiskCheck': recordRiskCheck,
  'v01.recordManagerConsulted': recordManagerConsulted,
  'v01.routeToPanel': routeToPanel,
  'v01.recommend': recommend,
  'v01.convenePanel': convenePanel,
  'v01.recordPanelAssessment': decidePanelAssessment,
  'v01.offerResponse': offerResponse,
  'v01.recordResponse': recordResponse,
  'v01.decide': decideDecision,
  'v01.redecide': redecide,
  'v01.recordNoticeGiven': recordNoticeGiven,
  'v01.recordFollowUp': recordFollowUp,
  'v01.requestReview': decideReviewRequest,
  'v01.decideReview': decideReviewOutcome,
  'v01.withdraw': withdraw,
};

/**
 * `decide` for a visitor application: one handler per command, looked up in a table. Each handler
 * checks who may act, whether it is already done, and whether the application is at that step,
 * then returns the events to record (or throws a DomainError).
 */
export const decide = decideByTable(handlers);
