import type { Actor } from '../../directory/person';
import type { ApplicationDoc, AuditEvent, Task } from '../../store/types';
import { formatNz, nzDateOf } from '../../time';
import type {
  AppliedEvent,
  DecideContext,
  NewEvent,
  Notification,
  StartResult,
  WorkflowDefinition,
} from '../../workflow/types';
import { v01ChatCommands } from './chat';
import { alreadyDone, invalid, payloadOf, requireRole, stampOf, wrongStage } from './guards';
import {
  CHECK_ITEMS,
  DESIGNATED_STAFF,
  GM,
  GROUNDS,
  MANAGER_DECIDERS,
  PANEL_ROLES,
  RESPONSE_GROUNDS,
  REVIEW_OFFICER,
  STAGE_LABELS,
  allCoreRecorded,
  checksComplete,
  currentRestriction,
  initialV01State,
  isChild,
  isMinorOn,
  openResponseOffer,
  openReview,
  outstandingCore,
  pendingFollowUps,
  requiredFollowUps,
  requiredNotices,
  restrictionBlock,
  route,
  standingDecision,
  v01Stage,
} from './model';
import type { CheckRecord, Decision, Nomination, PanelEntry, Person, Review, Stamp, V01State } from './model';
import { v01CommandSchema, v01StartSchema } from './schemas';
import type { V01Command, V01StartInput } from './schemas';
import {
  checkOrders,
  findingsFrom,
  findingsNote,
  relatedFindings,
  requireNotProhibited,
} from './prohibitionCheck';
import { publishedRestrictions, visitorIdentity } from './prohibitionCheck';
import {
  nominationOf,
  notFuture,
  requireNotBlocked,
  requireOpen,
  requireStage,
  requireUndecided,
  reviewDeadline,
} from './rules';

type Cmd<T extends V01Command['type']> = Extract<V01Command, { type: T }>;
type App = ApplicationDoc<V01State>;

export { REVIEW_DAYS, reviewDeadline } from './rules';

export function start(input: V01StartInput, ctx: DecideContext): StartResult {
  requireRole(ctx.actor, DESIGNATED_STAFF, input.site);
  const today = nzDateOf(ctx.now);
  if (input.visitorDob > today) invalid('visitorDob', 'The date of birth is in the future');
  const minor = isMinorOn(input.visitorDob, today);
  // A child is always a private child visitor, so the child-protection routing cannot be sidestepped by type.
  if (minor && input.visitorType !== 'private-child') {
    invalid(
      'visitorType',
      `The visitor is under 18 today (${today}): choose "Private visitor (child under 18)"`,
    );
  }
  if (!minor && input.visitorType === 'private-child')
    invalid('visitorDob', 'The visitor is 18 or over today: choose an adult visitor type');
  if (input.prohibitedUntil && input.prohibitedUntil < today)
    invalid('prohibitedUntil', 'That prohibition has already expired');
  const nomination: Nomination = {
    cppAlert: input.cppAlert,
    visitorType: input.visitorType,
    visitor: {
      name: input.visitorName,
      dateOfBirth: input.visitorDob,
      minor,
      address: input.visitorAddress,
      ...(input.visitorId ? { visitorId: input.visitorId } : {}),
      ...(input.visitorGender ? { gender: input.visitorGender } : {}),
      ...(input.visitorRelationship ? { relationship: input.visitorRelationship } : {}),
    },
    orangaTamarikiCare: input.orangaTamarikiCare,
    restriction: input.restriction,
    ...(input.restrictionDetails ? { restrictionDetails: input.restrictionDetails } : {}),
  };
  if (input.visitorType === 'private-child' && !input.orangaTamarikiCare && input.consenterKind) {
    nomination.consenter = {
      kind: input.consenterKind,
      name: input.consenterName ?? '',
      relationship: input.consenterRelationship ?? '',
      address: input.consenterAddress ?? '',
      ...(input.consenterKind === 'other' && input.consenterReason ? { reason: input.consenterReason } : {}),
    };
  }
  if (input.prohibitedElsewhere && input.prohibitedSite) {
    nomination.prohibitedElsewhere = {
      site: input.prohibitedSite,
      source: 'staff',
      ...(input.prohibitedUntil ? { until: input.prohibitedUntil } : {}),
      ...(input.prohibitedDetails ? { details: input.prohibitedDetails } : {}),
    };
  }
  const found = findingsFrom(ctx.records.prohibitionOrdersFor(visitorIdentity({ nomination })), input);
  if (found.length) nomination.ordersAtStart = found;
  return {
    header: {
      site: input.site,
      prisonerId: input.prisonerId,
      prisonerName: input.prisonerName,
      title: `Visitor application: ${input.visitorName} to visit ${input.prisonerName}`,
      dedupeKey: `${input.prisonerId.toUpperCase()}|${input.visitorName.toLowerCase().replace(/\s+/g, ' ')}|${input.visitorDob}`,
    },
    events: [{ type: 'v01.started', payload: { nomination } }],
  };
}

function decidersFor(s: V01State) {
  return route(s) === 'panel' ? GM : MANAGER_DECIDERS;
}

function decideDecision(app: App, c: Cmd<'v01.decide'>, { actor, records }: DecideContext): NewEvent[] {
  const s = app.state;
  requireRole(actor, decidersFor(s), app.site);
  if (s.decision) alreadyDone('A decision was', s.decision);
  requireOpen(s);
  requireNotBlocked(s);
  const stage = v01Stage(s);
  if (stage === 'panel' || stage === 'panel-convening') {
    const waiting = outstandingCore(s).map((m) => m.name);
    wrongStage(
      waiting.length
        ? `Waiting for the core advisory panel members: ${waiting.join(', ')}.`
        : 'The advisory panel has not been convened yet.',
    );
  }
  requireStage(s, ['manager-decision', 'gm-decision', 'in-person-panel']);
  const offer = openResponseOffer(s);
  if (offer)
    wrongStage(
      `Record the applicant’s response to the opportunity given on ${formatNz(new Date(offer.at))} first.`,
    );
  if (c.outcome === 'refer-in-person') {
    if (stage !== 'gm-decision') {
      if (s.referral) alreadyDone('A referral to an in-person panel was', s.referral);
      wrongStage(
        'Only a child visit application before the advisory panel can be referred to an in-person panel.',
      );
    }
    return [{ type: 'v01.referredInPerson', payload: { rationale: c.rationale } }];
  }
  if (stage === 'in-person-panel' && !c.panelMeetingNote)
    invalid('panelMeetingNote', 'Record what the in-person panel decided or advised');
  if (isChild(s) && !c.cppReferred)
    invalid('cppReferred', 'Confirm the Child Protection Policy was referred to before deciding');
  if (c.outcome !== 'declined') requireNotProhibited(checkOrders(records, app));
  if (c.outcome === 'approved' && (c.conditions.length > 0 || c.conditionsOther)) {
    invalid('outcome', 'Conditions were chosen: decide “Approve with conditions”, or clear the conditions');
  }
  if (c.outcome === 'approved-with-conditions') {
    if (c.conditions.length === 0 && !c.conditionsOther)
      invalid('conditions', 'Choose at least one condition or describe one');
    // V.01.05 and V.01.10.2: conditions are set by the general manager custodial.
    requireRole(actor, GM, app.site);
  }
  if (c.outcome === 'declined') {
    if (c.grounds.length === 0) invalid('grounds', 'A decline must cite at least one V.01.03 ground');
    if (c.grounds.includes('guardian-no-consent') && !isChild(s))
      invalid('grounds', 'Guardian consent applies to a child visitor only');
  } else if (c.grounds.length > 0) {
    invalid('grounds', 'Grounds are for a decline only');
  }
  if (c.visitorReasons && !c.privacyChecked) {
    invalid(
      'privacyChecked',
      'Confirm the words for the visitor say nothing private about the prisoner or any victim',
    );
  }
  const via: Decision['via'] =
    route(s) === 'manager' ? 'manager' : stage === 'in-person-panel' ? 'in-person-panel' : 'general-manager';
  return [
    {
      type: 'v01.decided',
      payload: {
        outcome: c.outcome,
        conditions: c.outcome === 'approved-with-conditions' ? c.conditions : [],
        ...(c.outcome === 'approved-with-conditions' && c.conditionsOther
          ? { conditionsOther: c.conditionsOther }
          : {}),
        grounds: c.outcome === 'declined' ? c.grounds : [],
        ...(c.visitorReasons ? { visitorReasons: c.visitorReasons } : {}),
        rationale: c.rationale,
        via,
        ...(c.panelMeetingNote ? { panelMeetingNote: c.panelMeetingNote } : {}),
      },
    },
  ];
}

function decideCheck(app: App, c: Cmd<'v01.checkItem'>, actor: Actor): NewEvent[] {
  const s = app.state;
  requireRole(actor, DESIGNATED_STAFF, app.site);
  const done = s.checks[c.item];
  if (done) alreadyDone(`“${CHECK_ITEMS[c.item].label}” was`, done);
  requireUndecided(s);
  requireNotBlocked(s);
  if (!s.applicationReceived) wrongStage('Record that the completed application was received first.');
  const record: Omit<CheckRecord, keyof Stamp> = c.note ? { note: c.note } : {};
  switch (c.item) {
    case 'authority':
      if (c.authorityGiven === undefined) invalid('authorityGiven', 'Say whether authority was given');
      record.authorityGiven = c.authorityGiven;
      break;
    case 'visitor-entered':
      if (nominationOf(s).visitor.minor && !c.minorSelected)
        invalid('minorSelected', 'Select “Minor” in the Visitor Type menu in IOMS first');
      break;
    case 'security-checks': {
      if (c.everImprisoned === undefined) invalid('everImprisoned', 'Answer yes or no');
      if (c.everImprisoned && !c.imprisonedWhen) invalid('imprisonedWhen', 'Say when');
      if (c.onBail === undefined) invalid('onBail', 'Answer yes or no');
      if (c.convictedLastTwoYears === undefined) invalid('convictedLastTwoYears', 'Answer yes or no');
      record.security = {
        everImprisoned: c.everImprisoned,
        onBail: c.onBail,
        convictedLastTwoYears: c.convictedLastTwoYears,
        ...(c.everImprisoned && c.imprisonedWhen ? { imprisonedWhen: c.imprisonedWhen } : {}),
      };
      break;
    }
    case 'further-information':
      if (!c.furtherInformationTo)
        invalid('furtherInformationTo', 'Say whether anything needs further information, and who it went to');
      if (c.furtherInformationTo !== 'none' && !c.note)
        invalid('note', 'Describe what needs further information');
      record.furtherInformation = { to: c.furtherInformationTo, ...(c.note ? { details: c.note } : {}) };
      break;
    default:
      break;
  }
  const after: V01State = {
    ...s,
    checks: { ...s.checks, [c.item]: { ...record, byId: '', by: '', at: '' } },
  };
  return [
    {
      type: 'v01.checked',
      payload: { item: c.item, record, completes: checksComplete(after), route: route(after) },
    },
  ];
}

function decidePanelAssessment(app: App, c: Cmd<'v01.recordPanelAssessment'>, actor: Actor): NewEvent[] {
  const s = app.state;
  const isCore = s.panel?.coreMembers.some((m) => m.aadObjectId === actor.aadObjectId) ?? false;
  requireRole(actor, isCore ? ['advisory-panel-core'] : PANEL_ROLES, app.site);
  const mine = s.panel?.entries[actor.aadObjectId];
  if (mine) alreadyDone('Your assessment was', mine);
  requireUndecided(s);
  if (!s.panel) wrongStage('The advisory panel has not been convened for this application yet.');
  const entry = {
    member: isCore ? 'core' : 'guest',
    assessment: c.assessment,
    recommendation: c.recommendation,
  } as const;
  const after: V01State = {
    ...s,
    panel: {
      ...s.panel,
      entries: {
        ...s.panel.entries,
        [actor.aadObjectId]: { ...entry, byId: actor.aadObjectId, by: actor.name, at: '' },
      },
    },
  };
  return [
    {
      type: 'v01.panelAssessed',
      payload: {
        ...entry,
        ...(c.suggestedConditions ? { suggestedConditions: c.suggestedConditions } : {}),
        completesPanel: !allCoreRecorded(s) && allCoreRecorded(after),
      },
    },
  ];
}

function decideReviewRequest(app: App, c: Cmd<'v01.requestReview'>, actor: Actor, now: Date): NewEvent[] {
  const s = app.state;
  requireRole(actor, [...DESIGNATED_STAFF, ...REVIEW_OFFICER], app.site);
  const standing = standingDecision(s);
  if (!standing) wrongStage('There is no decision to review yet.');
  const open = openReview(s);
  if (open) wrongStage(`Review ${open.n} is still open (due ${formatNz(new Date(open.dueAt), false)}).`);
  if (standing.outcome === 'approved')
    wrongStage('Only a decline or an approval with conditions can be reviewed.');
  notFuture('receivedOn', c.receivedOn, now);
  const given = c.requestedBy === 'visitor' ? s.notices['decision-visitor'] : undefined;
  if (c.requestedBy === 'visitor' && !given)
    wrongStage('Record that the visitor was given the decision first (V.01.07.2).');
  if (c.requestedBy === 'prisoner' && (c.channel !== 'complaint' || !c.complaintRef)) {
    invalid(
      'complaintRef',
      'A prisoner’s review request is registered through the complaints process: enter the IOMS complaint reference',
    );
  }
  return [
    {
      type: 'v01.reviewRequested',
      payload: {
        n: s.reviews.length + 1,
        requestedBy: c.requestedBy,
        receivedOn: c.receivedOn,
        channel: c.channel,
        ...(c.complaintRef ? { complaintRef: c.complaintRef } : {}),
        reasons: c.reasons,
        dueAt: reviewDeadline(c.receivedOn).toISOString(),
        reviewing: standing.outcome,
      },
    },
  ];
}

function decideReviewOutcome(app: App, c: Cmd<'v01.decideReview'>, { actor, records }: DecideContext) {
  const s = app.state;
  requireRole(actor, REVIEW_OFFICER, app.site);
  const review = openReview(s);
  if (!review) {
    const last = s.reviews[s.reviews.length - 1];
    if (last?.result) alreadyDone(`Review ${last.n} outcome was`, last.result);
    wrongStage('There is no open review request on this application.');
  }
  const current = standingDecision(s);
  if (!current) wrongStage('There is no decision to review.');
  let standing: Pick<Decision, 'outcome' | 'conditions' | 'conditionsOther'> = current;
  if (c.outcome === 'reverse') standing = { outcome: 'approved', conditions: [] };
  if (c.outcome === 'modify') {
    if (c.newConditions.length === 0 && !c.newConditionsOther)
      invalid('newConditions', 'Choose the conditions the modified decision carries');
    standing = {
      outcome: 'approved-with-conditions',
      conditions: c.newConditions,
      ...(c.newConditionsOther ? { conditionsOther: c.newConditionsOther } : {}),
    };
  }
  if (c.outcome === 'refuse') {
    if (!c.earlierReview)
      invalid('earlierReview', 'Name the earlier review this one is substantially the same as');
    if (!c.noMaterialChange)
      invalid('noMaterialChange', 'Confirm there has been no material change in circumstances since');
  }
  // The review cannot open a door the contact restriction keeps shut.
  if (standing.outcome !== 'declined') requireNotBlocked(s);
  if (standing.outcome !== 'declined') requireNotProhibited(checkOrders(records, app));
  return [
    {
      type: 'v01.reviewDecided',
      payload: {
        n: review.n,
        outcome: c.outcome,
        reasons: c.reasons,
        ...(c.earlierReview ? { earlierReview: c.earlierReview } : {}),
        standing,
      },
    },
  ];
}

export function decide(app: App, c: V01Command, ctx: DecideContext): NewEvent[] {
  const s = app.state;
  const { actor, now } = ctx;
  const staff = () => requireRole(actor, DESIGNATED_STAFF, app.site);
  switch (c.type) {
    case 'v01.recordProtectedPersonContact': {
      staff();
      if (s.protectedContact) alreadyDone('The protected person’s contact was', s.protectedContact);
      requireUndecided(s);
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
          type: 'v01.protectedPersonContacted',
          payload: { contactedOn: c.contactedOn, how: c.how, details: c.details },
        },
      ];
    }
    case 'v01.recordCourtExemption': {
      staff();
      if (s.courtExemption) alreadyDone('A court exemption was', s.courtExemption);
      requireUndecided(s);
      if (currentRestriction(s) !== 'non-contact-condition')
        wrongStage('A court exemption applies to a non-contact condition only.');
      return [
        { type: 'v01.courtExemptionRecorded', payload: { reference: c.reference, details: c.details } },
      ];
    }
    case 'v01.updateRestriction': {
      staff();
      requireUndecided(s);
      if (c.restriction === currentRestriction(s)) wrongStage('That restriction is already recorded.');
      return [
        {
          type: 'v01.restrictionUpdated',
          payload: { restriction: c.restriction, details: c.restrictionDetails },
        },
      ];
    }
    case 'v01.recordCppAlert': {
      requireRole(actor, [...DESIGNATED_STAFF, ...GM], app.site);
      if (s.cppAlertAdded) alreadyDone('The Child Protection Policy alert was', s.cppAlertAdded);
      if (s.nomination?.cppAlert && s.started)
        alreadyDone('The Child Protection Policy alert was', s.started);
      requireUndecided(s);
      return [{ type: 'v01.cppAlertRecorded', payload: { note: c.note } }];
    }
    case 'v01.recordOrangaTamarikiCheck': {
      staff();
      if (s.orangaTamariki) alreadyDone('The Oranga Tamariki answer was', s.orangaTamariki);
      requireUndecided(s);
      if (!nominationOf(s).orangaTamarikiCare)
        wrongStage('The prisoner did not say this child is in Oranga Tamariki care.');
      if (c.inCare) {
        if (!c.socialWorkerName) invalid('socialWorkerName', 'Enter the assigned social worker');
        if (!c.socialWorkerEmail) invalid('socialWorkerEmail', 'Enter the social worker’s email address');
        return [
          {
            type: 'v01.orangaTamarikiChecked',
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
          type: 'v01.orangaTamarikiChecked',
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
    }
    case 'v01.recordFormsSent': {
      staff();
      if (s.formsSent) alreadyDone('Sending the forms was', s.formsSent);
      requireUndecided(s);
      requireNotBlocked(s);
      if (nominationOf(s).orangaTamarikiCare && !s.orangaTamariki)
        wrongStage('Confirm with the child visits team whether the child is in Oranga Tamariki care first.');
      return [{ type: 'v01.formsSent', payload: { to: c.sentTo, method: c.method } }];
    }
    case 'v01.recordApplicationReceived': {
      staff();
      if (s.applicationReceived) alreadyDone('The completed application was', s.applicationReceived);
      requireUndecided(s);
      requireNotBlocked(s);
      if (!s.formsSent) wrongStage('Record that the forms were sent first.');
      return [{ type: 'v01.applicationReceived', payload: { method: c.method } }];
    }
    case 'v01.checkItem':
      return decideCheck(app, c, actor);
    case 'v01.recordRiskCheck': {
      staff();
      if (s.riskCheck) alreadyDone('The check for other risks was', s.riskCheck);
      requireUndecided(s);
      requireNotBlocked(s);
      requireStage(s, ['routing']);
      return [{ type: 'v01.riskChecked', payload: { otherRiskSigns: c.otherRiskSigns } }];
    }
    case 'v01.recordManagerConsulted': {
      staff();
      if (s.managerConsulted)
        alreadyDone('The consultation with the reception/movements manager was', s.managerConsulted);
      requireUndecided(s);
      requireNotBlocked(s);
      requireStage(s, ['routing']);
      return [
        { type: 'v01.managerConsulted', payload: { manager: c.manager, advice: c.advice, note: c.note } },
      ];
    }
    case 'v01.routeToPanel':
    case 'v01.recommend': {
      staff();
      if (s.routing) alreadyDone('Routing was', s.routing);
      requireUndecided(s);
      requireNotBlocked(s);
      requireStage(s, ['routing']);
      if (!s.riskCheck) wrongStage('Record the check for other indications of risk to the child first.');
      if (!s.managerConsulted)
        wrongStage('Record the consultation with the reception/movements manager first.');
      if (c.type === 'v01.routeToPanel')
        return [{ type: 'v01.routed', payload: { to: 'panel', reasons: c.reasons } }];
      if (s.managerConsulted.advice === 'panel') {
        wrongStage(
          'The reception/movements manager advised that the advisory panel should consider this application.',
        );
      }
      return [
        {
          type: 'v01.routed',
          payload: { to: 'manager', recommendation: c.recommendation, reasons: c.reasons },
        },
      ];
    }
    case 'v01.convenePanel': {
      requireRole(actor, [...DESIGNATED_STAFF, ...GM], app.site);
      if (s.panel) alreadyDone('The advisory panel was', s.panel.convened);
      requireUndecided(s);
      requireNotBlocked(s);
      requireStage(s, ['panel-convening']);
      const seen = new Set<string>();
      const coreMembers = c.coreMembers.filter((m) =>
        seen.has(m.aadObjectId) ? false : (seen.add(m.aadObjectId), true),
      );
      return [{ type: 'v01.panelConvened', payload: { coreMembers } }];
    }
    case 'v01.recordPanelAssessment':
      return decidePanelAssessment(app, c, actor);
    case 'v01.offerResponse': {
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
      return [{ type: 'v01.responseOffered', payload: { grounds: c.grounds, details: c.details } }];
    }
    case 'v01.recordResponse': {
      requireRole(actor, [...DESIGNATED_STAFF, ...MANAGER_DECIDERS], app.site);
      requireUndecided(s);
      if (!openResponseOffer(s)) {
        const last = s.responseOffers[s.responseOffers.length - 1];
        if (last?.response) alreadyDone('The applicant’s response was', last.response);
        wrongStage('No opportunity to respond has been given.');
      }
      return [{ type: 'v01.responseRecorded', payload: { text: c.response } }];
    }
    case 'v01.decide':
      return decideDecision(app, c, ctx);
    case 'v01.recordNoticeGiven': {
      requireRole(actor, [...DESIGNATED_STAFF, ...MANAGER_DECIDERS], app.site);
      const required = requiredNotices(s, app.prisonerName).find((n) => n.key === c.notice);
      if (!required) wrongStage('That notice is not due for this application.');
      const given = s.notices[c.notice];
      if (given) alreadyDone(`Giving “${required.form}” was`, given);
      return [{ type: 'v01.noticeGiven', payload: { notice: c.notice, method: c.method } }];
    }
    case 'v01.recordFollowUp': {
      const item = requiredFollowUps(s).find((f) => f.key === c.item);
      const roles = [
        ...DESIGNATED_STAFF,
        ...MANAGER_DECIDERS,
        ...(c.item.endsWith('-complaint') ? REVIEW_OFFICER : []),
      ];
      requireRole(actor, item?.roles ?? roles, app.site);
      if (!item) wrongStage('That follow-up is not due for this application.');
      const done = s.followUps[c.item];
      if (done) alreadyDone(`“${item.label}” was`, done);
      if (item.needsDate && !c.date) invalid('date', 'Enter the date');
      if (item.after && !s.followUps[item.after])
        wrongStage('Record the induction first: the entry card is issued after approval and induction.');
      return [
        {
          type: 'v01.followUpRecorded',
          payload: { item: c.item, ...(c.note ? { note: c.note } : {}), ...(c.date ? { date: c.date } : {}) },
        },
      ];
    }
    case 'v01.requestReview':
      return decideReviewRequest(app, c, actor, now);
    case 'v01.decideReview':
      return decideReviewOutcome(app, c, ctx);
    case 'v01.withdraw': {
      staff();
      if (s.withdrawn) alreadyDone('Closing this application was', s.withdrawn);
      requireUndecided(s);
      return [{ type: 'v01.withdrawn', payload: { reason: c.reason } }];
    }
  }
}

export function evolve(s: V01State, e: AppliedEvent): V01State {
  const st = stampOf(e);
  switch (e.type) {
    case 'v01.started':
      return { ...s, nomination: payloadOf<{ nomination: Nomination }>(e).nomination, started: st };
    case 'v01.protectedPersonContacted':
      return {
        ...s,
        protectedContact: { ...st, ...payloadOf<{ contactedOn: string; how: string; details: string }>(e) },
      };
    case 'v01.courtExemptionRecorded':
      return { ...s, courtExemption: { ...st, ...payloadOf<{ reference: string; details: string }>(e) } };
    case 'v01.restrictionUpdated': {
      // A new order or condition supersedes what was recorded against the old one.
      const { protectedContact: _p, courtExemption: _c, ...rest } = s;
      void _p;
      void _c;
      return {
        ...rest,
        restrictionUpdates: [
          ...s.restrictionUpdates,
          { ...st, ...payloadOf<V01State['restrictionUpdates'][number]>(e) },
        ],
      };
    }
    case 'v01.cppAlertRecorded':
      return { ...s, cppAlertAdded: st };
    case 'v01.orangaTamarikiChecked': {
      const p = payloadOf<{
        inCare: boolean;
        socialWorkerName?: string;
        socialWorkerEmail?: string;
        consenter?: Nomination['consenter'];
      }>(e);
      const { consenter, ...check } = p;
      return {
        ...s,
        orangaTamariki: { ...st, ...check },
        ...(consenter && s.nomination ? { nomination: { ...s.nomination, consenter } } : {}),
      };
    }
    case 'v01.formsSent':
      return { ...s, formsSent: { ...st, ...payloadOf<{ to: string; method: 'post' }>(e) } };
    case 'v01.applicationReceived':
      return { ...s, applicationReceived: { ...st, ...payloadOf<{ method: string }>(e) } };
    case 'v01.checked': {
      const p = payloadOf<{ item: keyof V01State['checks']; record: Omit<CheckRecord, keyof Stamp> }>(e);
      return { ...s, checks: { ...s.checks, [p.item]: { ...p.record, ...st } } };
    }
    case 'v01.riskChecked':
      return { ...s, riskCheck: { ...st, ...payloadOf<{ otherRiskSigns: string }>(e) } };
    case 'v01.managerConsulted':
      return {
        ...s,
        managerConsulted: { ...st, ...payloadOf<{ manager: string; advice: 'panel'; note: string }>(e) },
      };
    case 'v01.routed':
      return {
        ...s,
        routing: { ...st, ...payloadOf<Omit<NonNullable<V01State['routing']>, keyof Stamp>>(e) },
      };
    case 'v01.panelConvened':
      return {
        ...s,
        panel: {
          convened: st,
          coreMembers: payloadOf<{ coreMembers: Person[] }>(e).coreMembers,
          entries: {},
        },
      };
    case 'v01.panelAssessed': {
      if (!s.panel) return s;
      const { completesPanel: _x, ...entry } = payloadOf<
        Omit<PanelEntry, keyof Stamp> & { completesPanel: boolean }
      >(e);
      void _x;
      return { ...s, panel: { ...s.panel, entries: { ...s.panel.entries, [st.byId]: { ...entry, ...st } } } };
    }
    case 'v01.responseOffered':
      return {
        ...s,
        responseOffers: [
          ...s.responseOffers,
          { ...st, ...payloadOf<{ grounds: never[]; details: string }>(e) },
        ],
      };
    case 'v01.responseRecorded': {
      const text = payloadOf<{ text: string }>(e).text;
      return {
        ...s,
        responseOffers: s.responseOffers.map((o) => (o.response ? o : { ...o, response: { ...st, text } })),
      };
    }
    case 'v01.referredInPerson':
      return { ...s, referral: { ...st, rationale: payloadOf<{ rationale: string }>(e).rationale } };
    case 'v01.decided':
      return { ...s, decision: { ...st, ...payloadOf<Omit<Decision, keyof Stamp>>(e) } };
    case 'v01.noticeGiven': {
      const p = payloadOf<{ notice: string; method: 'post' }>(e);
      return { ...s, notices: { ...s.notices, [p.notice]: { ...st, method: p.method } } };
    }
    case 'v01.followUpRecorded': {
      const { item, ...rest } = payloadOf<{ item: string; note?: string; date?: string }>(e);
      return { ...s, followUps: { ...s.followUps, [item]: { ...st, ...rest } } };
    }
    case 'v01.reviewRequested':
      return {
        ...s,
        reviews: [...s.reviews, { ...payloadOf<Omit<Review, 'recorded' | 'result'>>(e), recorded: st }],
      };
    case 'v01.reviewDecided': {
      const { n, ...result } = payloadOf<{ n: number } & Omit<NonNullable<Review['result']>, keyof Stamp>>(e);
      return {
        ...s,
        reviews: s.reviews.map((r) => (r.n === n ? { ...r, result: { ...st, ...result } } : r)),
      };
    }
    case 'v01.withdrawn':
      return { ...s, withdrawn: { ...st, reason: payloadOf<{ reason: string }>(e).reason } };
    default:
      return s;
  }
}

function isClosed(s: V01State): boolean {
  if (!s.decision && !s.withdrawn) return false;
  return !openReview(s) && pendingFollowUps(s).length === 0;
}

export function tasks(app: Omit<App, 'openTasks' | 'taskKeys'>): Task[] {
  const s = app.state;
  const stage = v01Stage(s);
  const site = app.site;
  const staffTask = (key: string, label: string, card: string): Task => ({
    key,
    label: `${label}: ${app.title}`,
    roles: [...DESIGNATED_STAFF],
    site,
    card,
  });
  const out: Task[] = [];
  switch (stage) {
    case 'restricted':
      out.push(
        staffTask(
          'v01.restriction',
          restrictionBlock(s) === 'non-contact'
            ? 'Non-contact condition: record a court exemption if one is produced'
            : 'Protection order: record if the protected person contacts the prison',
          'v01.restriction',
        ),
      );
      break;
    case 'oranga-tamariki':
    case 'forms':
    case 'awaiting-application':
    case 'checks':
      out.push(staffTask('v01.checklist', STAGE_LABELS[stage], 'v01.checklist'));
      break;
    case 'routing':
      out.push(staffTask('v01.routing', 'Child visitor: check risks, consult and route', 'v01.routing'));
      break;
    case 'panel-convening':
      out.push({
        ...staffTask('v01.convene', 'Convene the advisory panel', 'v01.panel'),
        roles: [...DESIGNATED_STAFF, ...GM],
      });
      break;
    case 'panel':
      for (const m of outstandingCore(s)) {
        out.push({
          key: `v01.panel.${m.aadObjectId}`,
          label: `Advisory panel assessment: ${app.title}`,
          roles: ['advisory-panel-core'],
          site,
          assignee: m.aadObjectId,
          card: 'v01.panel',
        });
      }
      break;
    case 'gm-decision':
    case 'in-person-panel':
      out.push({
        key: 'v01.decision',
        label: `${STAGE_LABELS[stage]}: ${app.title}`,
        roles: [...GM],
        site,
        card: 'v01.decision',
        term: 'decision',
      });
      break;
    case 'manager-decision':
      out.push({
        key: 'v01.decision',
        label: `Decide: ${app.title}`,
        roles: [...MANAGER_DECIDERS],
        site,
        card: 'v01.decision',
        term: 'decision',
      });
      break;
    case 'review': {
      const r = openReview(s);
      if (r)
        out.push({
          key: `v01.review.${r.n}`,
          label: `Review the decision on ${app.title}`,
          roles: [...REVIEW_OFFICER],
          site: '*',
          dueAt: new Date(r.dueAt),
          term: 'policy',
          card: 'v01.review',
        });
      break;
    }
    default:
      break;
  }
  if (!s.decision && !s.withdrawn && openResponseOffer(s))
    out.push(staffTask('v01.response', 'Record the applicant’s response', 'v01.response'));
  if (s.decision || s.withdrawn) {
    const pending = pendingFollowUps(s);
    if (pending.includes('ioms-child-assessment'))
      out.push({
        ...staffTask(
          'v01.ioms-child-assessment',
          'Enter the decision in the IOMS child visitor assessment screen',
          'v01.notices',
        ),
        roles: [...GM],
      });
    const specified = ['code-of-conduct', 'induction', 'entry-card'];
    if (pending.some((k) => !specified.includes(k) && k !== 'ioms-child-assessment'))
      out.push({
        ...staffTask('v01.notices', 'Give the notices and record follow-ups', 'v01.notices'),
        term: 'followUp',
      });
    if (pending.some((k) => specified.includes(k)))
      out.push({
        ...staffTask(
          'v01.specified',
          'Specified visitor: code of conduct, induction, entry card',
          'v01.specified',
        ),
        term: 'followUp',
      });
  }
  return out;
}

export function participants(s: V01State): string[] {
  return s.panel ? s.panel.coreMembers.map((m) => m.aadObjectId) : [];
}

function prohibitionFlag(app: App): string {
  const p = app.state.nomination?.prohibitedElsewhere;
  const staff = p
    ? ` FLAG: the visitor is prohibited at ${p.site}${p.until ? ` until ${p.until}` : ''} (V.01.03.6).`
    : '';
  return `${findingsNote(relatedFindings(app))}${staff}`;
}

export function notifications(app: App, event: AuditEvent): Notification[] {
  const s = app.state;
  const ref = (name: string) => ({ name, applicationId: app._id });
  const creator: Notification['target'] = { kind: 'person', aadObjectId: app.createdBy };
  const deciders = (): Notification => ({
    key: 'decide',
    target: { kind: 'role', roles: ['reception-movements-manager'], site: app.site },
    text: `${app._id}: ${app.title} is ready for your decision.${prohibitionFlag(app)}`,
    cardRef: ref('v01.decision'),
  });
  switch (event.type) {
    case 'v01.checked': {
      const p = event.payload as { completes?: boolean; route?: string };
      if (!p.completes) return [];
      if (p.route === 'manager') return [deciders()];
      if (p.route === 'panel')
        return [
          {
            key: 'convene',
            target: creator,
            text: `${app._id}: checks are complete. Convene the advisory panel.`,
            cardRef: ref('v01.panel'),
          },
        ];
      return [
        {
          key: 'route',
          target: creator,
          text: `${app._id}: checks are complete. Child visitor: check for other risks and consult the reception/movements manager.`,
          cardRef: ref('v01.routing'),
        },
      ];
    }
    case 'v01.routed':
      return (event.payload as { to?: string }).to === 'manager'
        ? [deciders()]
        : [
            {
              key: 'convene',
              target: creator,
              text: `${app._id}: convene the advisory panel.`,
              cardRef: ref('v01.panel'),
            },
          ];
    case 'v01.panelConvened': {
      const core = (event.payload as { coreMembers?: Array<{ aadObjectId: string }> }).coreMembers ?? [];
      return [
        ...core.map((m) => ({
          key: `panel-${m.aadObjectId}`,
          target: { kind: 'person' as const, aadObjectId: m.aadObjectId },
          text: `${app._id}: your assessment and recommendation are needed as a core advisory panel member.`,
          cardRef: ref('v01.panel'),
        })),
        {
          key: 'panel-guests',
          target: { kind: 'role', roles: ['advisory-panel-guest'], site: app.site },
          text: `${app._id}: a child visit application is before the advisory panel; guest members may add an assessment.`,
          cardRef: ref('v01.panel'),
        },
      ];
    }
    case 'v01.panelAssessed':
      return (event.payload as { completesPanel?: boolean }).completesPanel
        ? [
            {
              key: 'gm',
              target: { kind: 'role', roles: [...GM], site: app.site },
              text: `${app._id}: every core panel member has recorded their recommendation. Your decision is needed.${prohibitionFlag(app)}`,
              cardRef: ref('v01.decision'),
            },
          ]
        : [];
    case 'v01.decided':
      return [
        {
          key: 'notices',
          target: creator,
          text: `${app._id}: decided (${String(event.payload['outcome'])}). Give the notices to the visitor and the prisoner.`,
          cardRef: ref('v01.notices'),
        },
      ];
    case 'v01.reviewRequested':
      return [
        {
          key: 'review',
          target: { kind: 'role', roles: [...REVIEW_OFFICER], site: '*' },
          text: `${app._id}: a review of the visit decision has been requested.`,
          cardRef: ref('v01.review'),
        },
      ];
    case 'v01.reviewDecided':
      return [
        {
          key: 'notices',
          target: creator,
          text: `${app._id}: the review outcome is recorded. Give the review letters to the visitor and the prisoner.`,
          cardRef: ref('v01.notices'),
        },
        {
          key: 'gm',
          target: { kind: 'role', roles: [...GM], site: app.site },
          text: `${app._id}: the review outcome is recorded (V.01.07.10).`,
          cardRef: ref('v01.status'),
        },
      ];
    case 'v01.cppAlertRecorded':
      // A child application already past its checks now belongs to the advisory panel.
      return isChild(s) && checksComplete(s) && !s.panel
        ? [
            {
              key: 'convene',
              target: creator,
              text: `${app._id}: a Child Protection Policy alert was recorded. Convene the advisory panel.`,
              cardRef: ref('v01.panel'),
            },
          ]
        : [];
    case 'v01.withdrawn':
      return [
        {
          key: 'notices',
          target: creator,
          text: `${app._id}: closed. Tell the prisoner.`,
          cardRef: ref('v01.notices'),
        },
      ];
    default:
      return [];
  }
}

export const v01Workflow: WorkflowDefinition<V01State, V01Command, V01StartInput> = {
  kind: 'V01',
  idPrefix: 'VIS',
  label: 'visitor application',
  commandSchema: v01CommandSchema,
  startSchema: v01StartSchema,
  start,
  initialState: initialV01State,
  evolve,
  decide,
  stage: v01Stage,
  closed: isClosed,
  tasks,
  participants,
  notifications,
  reads: { people: (app) => visitorIdentity(app.state) },
  publishes: { restrictions: publishedRestrictions },
  chatCommands: v01ChatCommands,
};
