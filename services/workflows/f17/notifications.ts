import type { Role } from '../../directory/roles';
import type { ApplicationDoc, AuditEvent } from '../../workflow/domain';
import type { Notification, NotificationTarget } from '../../workflow/types';
import { decisionRecipients } from './recipients';
import { EV } from './evolve';
import {
  DECISION_ROLES,
  REQUIRED_SECTIONS,
  REVIEW_ROLES,
  ROLE_SECTIONS,
  SECTIONS,
  missingRequired,
  sectionRecord,
} from './model';
import type { F17State } from './model';
import { tasks } from './tasks';

/** The site's channel for custodial decisions (registered by an admin with the bot). */
export const DECISIONS_CHANNEL = 'custodial-decisions';

/**
 * The prisoner's own case manager and case officer, as the assessment knows them: whoever
 * started it, recorded consent, and answered the case management and unit sections.
 */
export function casePeople(app: ApplicationDoc<F17State>): string[] {
  const s = app.state;
  const ids = [
    app.createdBy,
    s.consent?.recordedBy.aadObjectId,
    sectionRecord(s, 'caseManagement')?.submitted?.by.aadObjectId,
    sectionRecord(s, 'unit')?.submitted?.by.aadObjectId,
  ];
  return [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
}

/** True when `event` is the submission that completed the required sections. */
function completedRequired(state: F17State, event: AuditEvent): boolean {
  let last = 0;
  for (const key of REQUIRED_SECTIONS) {
    const sub = sectionRecord(state, key)?.submitted;
    if (!sub) return false;
    last = Math.max(last, sub.seq);
  }
  return last === event.seq;
}

/** What every notification of one assessment says it is about. */
interface About {
  app: ApplicationDoc<F17State>;
  id: string;
  /** "Name (prisoner id)". */
  who: string;
  programme: string;
  /** Everyone with one of `roles` at the assessment's site. */
  role(roles: readonly Role[]): NotificationTarget;
}

function aboutOf(app: ApplicationDoc<F17State>): About {
  return {
    app,
    id: app._id,
    who: `${app.prisonerName} (${app.prisonerId})`,
    programme: app.state.details?.programmeName ?? 'the programme',
    role: (roles) => ({ kind: 'role', roles: [...roles], site: app.site }),
  };
}

/** F.17.02: stakeholders are engaged only once consent is recorded, each with their own section (1:1). */
function sectionRequests({ id, who, programme, role }: About): Notification[] {
  return ROLE_SECTIONS.map((key) => ({
    key: `section:${key}`,
    target: role(SECTIONS[key].roles),
    text: `${id}: please add the ${SECTIONS[key].title} section of the suitability to mix assessment for ${who}, programme ${programme}.`,
    cardRef: { name: 'f17.section', applicationId: id, params: { section: key } },
  }));
}

function contributorRequest({ id, who, programme }: About, event: AuditEvent): Notification[] {
  const target = String(event.payload.aadObjectId);
  return [
    {
      key: 'contributor',
      target: { kind: 'person', aadObjectId: target },
      text: `${id}: ${event.actor.name} asks for your input on the suitability to mix assessment for ${who}, programme ${programme}.`,
      cardRef: { name: 'f17.section', applicationId: id, params: { section: 'other' } },
    },
  ];
}

function reviewRequest({ app, id, who, programme, role }: About, event: AuditEvent): Notification[] {
  if (app.state.review || !completedRequired(app.state, event)) return [];
  return [
    {
      key: 'review',
      target: role(REVIEW_ROLES),
      text: `${id}: every required section is in. Please review the suitability to mix assessment for ${who}, programme ${programme}.`,
      cardRef: { name: 'f17.review', applicationId: id },
    },
  ];
}

function decisionRequest({ id, who, programme, role }: About): Notification[] {
  return [
    {
      key: 'decision',
      target: role(DECISION_ROLES),
      text: `${id}: the suitability to mix assessment for ${who}, programme ${programme}, is ready for your decision.`,
      cardRef: { name: 'f17.decision', applicationId: id },
    },
  ];
}

/**
 * F.17.03: the case manager and case officer get the follow-up card (tell the prisoner, and after
 * an approval upload the consent form). Before `actingAs` was recorded, whoever took part in the
 * case work was told.
 */
function followUpRequests({ app, id, who, programme }: About, outcome: string): Notification[] {
  const told: NotificationTarget[] = app.state.actedAs
    ? decisionRecipients(app)
    : casePeople(app).map((aadObjectId) => ({ kind: 'person', aadObjectId }));
  return told.flatMap((target) => {
    const person =
      target.kind === 'person'
        ? target.aadObjectId
        : `role:${target.kind === 'role' ? target.roles.join('+') : ''}`;
    const inform: Notification = {
      key: `decision:${person}`,
      target,
      text: `${id}: mixing for ${programme} was ${outcome} for ${who}. Please tell the prisoner promptly and confirm here.`,
      cardRef: { name: 'f17.informPrisoner', applicationId: id },
    };
    if (outcome !== 'approved') return [inform];
    const upload: Notification = {
      key: `consentForm:${person}`,
      target,
      text: `${id}: please upload ${app.prisonerName}'s consent to mix form to IOMS and confirm here.`,
      cardRef: { name: 'f17.consentForm', applicationId: id },
    };
    return [inform, upload];
  });
}

function decisionNotices(about: About, event: AuditEvent): Notification[] {
  const { app, id, who, programme, role } = about;
  const outcome = String(event.payload.outcome);
  const out = followUpRequests(about, outcome);
  const facilitator = app.state.details?.facilitator.aadObjectId;
  out.push({
    key: 'facilitator',
    // Without a Teams account on record, the site's facilitators are told instead.
    target: facilitator ? { kind: 'person', aadObjectId: facilitator } : role(['programme-facilitator']),
    text: `${id}: mixing for ${programme} was ${outcome} for ${who}.`,
    cardRef: { name: 'f17.decision', applicationId: id },
  });
  out.push({
    key: 'channel',
    target: { kind: 'channel', purpose: DECISIONS_CHANNEL, site: app.site },
    text: `${id}: suitability to mix for ${programme} ${outcome} for ${who}.`,
    cardRef: { name: 'f17.channelDecision', applicationId: id },
    threadKey: `${id}:decision`,
  });
  if (outcome === 'approved') {
    out.push({
      key: 'scheduling',
      target: role(['scheduling-coordinator']),
      text: `${app.prisonerName} (${app.prisonerId}) can now be scheduled for ${programme}.`,
      cardRef: { name: 'f17.scheduling', applicationId: id },
    });
  }
  return out;
}

/**
 * Who hears of a withdrawal: whoever had a task open at that moment, every role that was sent a
 * card, and everyone involved so far.
 */
function toldOfWithdrawal(app: ApplicationDoc<F17State>): { people: Set<string>; roles: Set<Role> } {
  const s = app.state;
  const before = tasks({ ...app, state: { ...s, withdrawal: undefined } });
  const roles = new Set<Role>();
  const people = new Set<string>(app.participants);
  for (const t of before) {
    if (t.assignee) people.add(t.assignee);
    else for (const r of t.roles) roles.add(r);
  }
  if (s.consent) for (const key of ROLE_SECTIONS) for (const r of SECTIONS[key].roles) roles.add(r);
  if (s.consent && missingRequired(s).length === 0) for (const r of REVIEW_ROLES) roles.add(r);
  if (s.review) for (const r of DECISION_ROLES) roles.add(r);
  // After an approval the people arranging the programme must stop: it no longer applies.
  if (s.decision?.outcome === 'approved')
    for (const r of ['scheduling-coordinator', 'programme-facilitator'] as const) roles.add(r);
  return { people, roles };
}

function withdrawalNotices({ app, id, programme, role }: About, event: AuditEvent): Notification[] {
  const { people, roles } = toldOfWithdrawal(app);
  const text =
    app.state.decision?.outcome === 'approved'
      ? `${id}: ${app.prisonerName} withdrew consent to mix for ${programme}. The approval no longer applies: do not schedule them for this programme.`
      : `${id}: ${app.prisonerName} withdrew consent to mix for ${programme}. The assessment has stopped; nothing more is needed from you.`;
  const cardRef = { name: 'f17.withdraw', applicationId: id };
  const out: Notification[] = [...people]
    .filter((p) => p !== event.actor.aadObjectId)
    .map((p) => ({
      key: `withdrawn:${p}`,
      target: { kind: 'person' as const, aadObjectId: p },
      text,
      cardRef,
    }));
  if (roles.size > 0) out.push({ key: 'withdrawn:roles', target: role([...roles]), text, cardRef });
  return out;
}

const byEvent: Readonly<Record<string, (about: About, event: AuditEvent) => Notification[]>> = {
  [EV.consentRecorded]: sectionRequests,
  [EV.contributorNamed]: contributorRequest,
  [EV.sectionSubmitted]: reviewRequest,
  [EV.reviewSubmitted]: decisionRequest,
  [EV.decided]: decisionNotices,
  [EV.consentWithdrawn]: withdrawalNotices,
};

/** Who is told of `event`, and what: one function per event type, looked up in a table. */
export function notifications(app: ApplicationDoc<F17State>, event: AuditEvent): Notification[] {
  const of = byEvent[event.type];
  return of ? of(aboutOf(app), event) : [];
}
