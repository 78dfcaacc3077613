import { DESIGNATED_STAFF, reviewDeadline } from '../../policy/v01';
import { formatNz } from '../../time';
import { alreadyDone, invalid, requireRole, wrongStage } from '../../workflow/guards';
import type { Stamp } from '../../workflow/stamp';
import { requireNoOpenReview, requireRepeatShown, reviewToDecide } from '../../workflow/reviews';
import type { CommandOf, Handler as TableHandler } from '../../workflow/decide';
import type { V01Command, V01CommandType } from './commands';
import { EV } from './evolve';
import {
  CHECK_ITEMS,
  GM,
  PANEL_ROLES,
  REVIEW_OFFICER,
  allCoreRecorded,
  decidersFor,
  checksComplete,
  isChild,
  openResponseOffer,
  outstandingCore,
  route,
  standingDecision,
} from './model';
import type { CheckRecord, Decision, V01State } from './model';
import { checkOrders, requireNotProhibited } from './prohibitionCheck';
import {
  nominationOf,
  notFuture,
  requireNotBlocked,
  requireOpen,
  requireStage,
  requireUndecided,
} from './rules';
import { v01Stage } from './stage';

/**
 * The decisions on a visitor application and their reviews (V.01.03–07), the pre-approval checks
 * and the advisory panel's assessments: the handlers with rules of their own. `decide.ts` holds
 * the table of every command.
 */

export type Cmd<T extends V01CommandType> = CommandOf<V01Command, T>;
export type Handler<T extends V01CommandType> = TableHandler<V01State, V01Command, T>;

export const decideDecision: Handler<'v01.decide'> = (app, c, { actor, records }) => {
  const s = app.state;
  requireRole(actor, decidersFor(s), app.site);
  if (s.decision) alreadyDone('A decision was already recorded', s.decision);
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
      if (s.referral) alreadyDone('A referral to an in-person panel was already recorded', s.referral);
      wrongStage(
        'Only a child visit application before the advisory panel can be referred to an in-person panel.',
      );
    }
    return [{ type: EV.referredInPerson, payload: { rationale: c.rationale } }];
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
      type: EV.decided,
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
};

export const decideCheck: Handler<'v01.checkItem'> = (app, c, { actor }) => {
  const s = app.state;
  requireRole(actor, DESIGNATED_STAFF, app.site);
  const done = s.checks[c.item];
  if (done) alreadyDone(`“${CHECK_ITEMS[c.item].label}” was already recorded`, done);
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
    checks: { ...s.checks, [c.item]: { ...record, aadObjectId: '', name: '', at: '' } },
  };
  return [
    {
      type: EV.checked,
      payload: { item: c.item, record, completes: checksComplete(after), route: route(after) },
    },
  ];
};

export const decidePanelAssessment: Handler<'v01.recordPanelAssessment'> = (app, c, { actor }) => {
  const s = app.state;
  const isCore = s.panel?.coreMembers.some((m) => m.aadObjectId === actor.aadObjectId) ?? false;
  requireRole(actor, isCore ? ['advisory-panel-core'] : PANEL_ROLES, app.site);
  const mine = s.panel?.entries[actor.aadObjectId];
  if (mine) alreadyDone('Your assessment was already recorded', mine);
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
        [actor.aadObjectId]: { ...entry, aadObjectId: actor.aadObjectId, name: actor.name, at: '' },
      },
    },
  };
  return [
    {
      type: EV.panelAssessed,
      payload: {
        ...entry,
        ...(c.suggestedConditions ? { suggestedConditions: c.suggestedConditions } : {}),
        completesPanel: !allCoreRecorded(s) && allCoreRecorded(after),
      },
    },
  ];
};

export const decideReviewRequest: Handler<'v01.requestReview'> = (app, c, { actor, now }) => {
  const s = app.state;
  requireRole(actor, [...DESIGNATED_STAFF, ...REVIEW_OFFICER], app.site);
  const standing = standingDecision(s);
  if (!standing) wrongStage('There is no decision to review yet.');
  requireNoOpenReview(s.reviews);
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
      type: EV.reviewRequested,
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
};

export const decideReviewOutcome: Handler<'v01.decideReview'> = (app, c, { actor, records }) => {
  const s = app.state;
  requireRole(actor, REVIEW_OFFICER, app.site);
  const review = reviewToDecide(s.reviews, 'There is no open review request on this application.');
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
  if (c.outcome === 'refuse')
    requireRepeatShown(c, 'Confirm there has been no material change in circumstances since');
  // The review cannot open a door the contact restriction keeps shut.
  if (standing.outcome !== 'declined') requireNotBlocked(s);
  if (standing.outcome !== 'declined') requireNotProhibited(checkOrders(records, app));
  return [
    {
      type: EV.reviewDecided,
      payload: {
        n: review.n,
        outcome: c.outcome,
        reasons: c.reasons,
        ...(c.earlierReview ? { earlierReview: c.earlierReview } : {}),
        standing,
      },
    },
  ];
};
