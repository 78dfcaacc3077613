import { DESIGNATED_STAFF, MANAGER_DECIDERS } from '../../policy/v01';
import type { ApplicationDoc, Task } from '../../workflow/domain';
import { pendingFollowUps } from './followUps';
import {
  GM,
  REVIEW_OFFICER,
  decidersFor,
  openResponseOffer,
  openReview,
  openSuspension,
  outstandingCore,
  restrictionBlock,
} from './model';
import type { V01State } from './model';
import { STAGE_LABELS, v01Stage } from './stage';
import type { V01Stage } from './stage';

type App = Omit<ApplicationDoc<V01State>, 'openTasks' | 'taskKeys'>;

/** A task for the designated staff at the application's site. */
function staffTask(app: App, key: string, label: string, card: string): Task {
  return { key, label: `${label}: ${app.title}`, roles: [...DESIGNATED_STAFF], site: app.site, card };
}

/** While a contact restriction blocks: staff record the protected person's own contact, or a court exemption. */
function restrictionTask(app: App): Task[] {
  const block = restrictionBlock(app.state);
  if (!block) return [];
  const label =
    block === 'non-contact'
      ? 'Non-contact condition: record a court exemption if one is produced'
      : 'Protection order: record if the protected person contacts the prison';
  return [staffTask(app, 'v01.restriction', label, 'v01.restriction')];
}

/** The task the application's stage asks for, before a decision (and the review after one). */
function stageTasks(app: App, stage: V01Stage): Task[] {
  const s = app.state;
  const site = app.site;
  switch (stage) {
    case 'restricted':
      return restrictionTask(app);
    case 'oranga-tamariki':
    case 'forms':
    case 'awaiting-application':
    case 'checks':
      return [staffTask(app, 'v01.checklist', STAGE_LABELS[stage], 'v01.checklist')];
    case 'routing':
      return [staffTask(app, 'v01.routing', 'Child visitor: check risks, consult and route', 'v01.routing')];
    case 'panel-convening':
      return [
        {
          ...staffTask(app, 'v01.convene', 'Convene the advisory panel', 'v01.panel'),
          roles: [...DESIGNATED_STAFF, ...GM],
        },
      ];
    case 'panel':
      return outstandingCore(s).map((m) => ({
        key: `v01.panel.${m.aadObjectId}`,
        label: `Advisory panel assessment: ${app.title}`,
        roles: ['advisory-panel-core'],
        site,
        assignee: m.aadObjectId,
        card: 'v01.panel',
      }));
    case 'gm-decision':
    case 'in-person-panel':
    case 'manager-decision': {
      const gm = stage !== 'manager-decision';
      return [
        {
          key: 'v01.decision',
          label: `${gm ? STAGE_LABELS[stage] : 'Decide'}: ${app.title}`,
          roles: [...(gm ? GM : MANAGER_DECIDERS)],
          site,
          card: 'v01.decision',
          term: 'decision',
        },
      ];
    }
    case 'suspended':
      // A review already open keeps its 21-day deadline while the approval is suspended.
      return [...suspendedTasks(app), ...reviewTask(app)];
    case 'review':
      return reviewTask(app);
    default:
      return [];
  }
}

/** V.01.07.6: the open review, due 21 days after the request arrived. */
function reviewTask(app: App): Task[] {
  const r = openReview(app.state);
  if (!r) return [];
  return [
    {
      key: `v01.review.${r.n}`,
      label: `Review the decision on ${app.title}`,
      roles: [...REVIEW_OFFICER],
      site: '*',
      dueAt: new Date(r.dueAt),
      term: 'policy',
      card: 'v01.review',
    },
  ];
}

/** V.01.01.4: the decision maker decides again; staff record the protected person's contact or an exemption. */
function suspendedTasks(app: App): Task[] {
  const s = app.state;
  const x = openSuspension(s);
  const out: Task[] = [];
  if (x)
    out.push({
      key: `v01.redecision.${x.n}`,
      label: `Approval suspended by a new contact restriction: decide again: ${app.title}`,
      roles: [...decidersFor(s)],
      site: app.site,
      card: 'v01.decision',
      term: 'decision',
    });
  return [...out, ...restrictionTask(app)];
}

const SPECIFIED = ['code-of-conduct', 'induction', 'entry-card'];

/** After a decision or a closure: the IOMS entry for the GM, the letters, the specified-visitor steps. */
function followUpTasks(app: App): Task[] {
  const pending = pendingFollowUps(app.state);
  const out: Task[] = [];
  if (pending.includes('ioms-child-assessment'))
    out.push({
      ...staffTask(
        app,
        'v01.ioms-child-assessment',
        'Enter the decision in the IOMS child visitor assessment screen',
        'v01.notices',
      ),
      roles: [...GM],
    });
  if (pending.some((k) => !SPECIFIED.includes(k) && k !== 'ioms-child-assessment'))
    out.push({
      ...staffTask(app, 'v01.notices', 'Give the notices and record follow-ups', 'v01.notices'),
      term: 'followUp',
    });
  if (pending.some((k) => SPECIFIED.includes(k)))
    out.push({
      ...staffTask(
        app,
        'v01.specified',
        'Specified visitor: code of conduct, induction, entry card',
        'v01.specified',
      ),
      term: 'followUp',
    });
  return out;
}

/** Everything outstanding on an application, as tasks for `my tasks`. */
export function tasks(app: App): Task[] {
  const s = app.state;
  const out = stageTasks(app, v01Stage(s));
  if (!s.decision && !s.withdrawn && openResponseOffer(s))
    out.push(staffTask(app, 'v01.response', 'Record the applicant’s response', 'v01.response'));
  if (s.decision || s.withdrawn) out.push(...followUpTasks(app));
  return out;
}
