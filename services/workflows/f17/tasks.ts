import type { Role } from '../../directory/roles';
import type { ApplicationDoc, Task } from '../../workflow/domain';
import {
  CASE_ROLES,
  DECISION_ROLES,
  FOLLOW_UP_ROLES,
  REVIEW_ROLES,
  ROLE_SECTIONS,
  SECTIONS,
  otherKey,
  sectionRecord,
  stageOf,
} from './model';
import type { F17State } from './model';

type TaskApp = Omit<ApplicationDoc<F17State>, 'openTasks' | 'taskKeys'>;

/** A task for everyone with one of `roles` at the assessment's site, done on `card`. */
function roleTask(
  app: TaskApp,
  key: string,
  label: string,
  roles: readonly Role[],
  card: string,
  term?: Task['term'],
): Task {
  return { key, label, roles: [...roles], site: app.site, card, ...(term ? { term } : {}) };
}

/** The sections still to come in, and (until the review) the further input asked of named people. */
function inputTasks(app: TaskApp, about: string): Task[] {
  const state = app.state;
  const out: Task[] = [];
  for (const key of ROLE_SECTIONS) {
    const spec = SECTIONS[key];
    if (sectionRecord(state, key)?.submitted) continue;
    if (!spec.required && state.review) continue;
    const section = roleTask(app, `section:${key}`, `${spec.title}: ${about}`, spec.roles, 'f17.section');
    out.push({
      ...section,
      params: { section: key },
      ...(spec.required ? {} : { term: 'optional' as const }),
    });
  }
  if (state.review) return out;
  for (const c of state.contributors) {
    if (sectionRecord(state, otherKey(c.aadObjectId))?.submitted) continue;
    out.push({
      key: `section:${otherKey(c.aadObjectId)}`,
      label: `Further input (optional): ${about}`,
      roles: [],
      site: app.site,
      assignee: c.aadObjectId,
      card: 'f17.section',
      params: { section: 'other' },
      term: 'optional',
    });
  }
  return out;
}

/**
 * Everything outstanding, as tasks for `my tasks`. Optional input is offered until the review
 * is in; after that it could no longer inform it.
 */
export function tasks(app: TaskApp): Task[] {
  const state = app.state;
  const who = `${app.prisonerName} (${app.prisonerId})`;
  const programme = state.details?.programmeName ?? 'the programme';
  const id = app._id;
  const stage = stageOf(state);
  const out: Task[] = [];
  switch (stage) {
    case 'awaiting-consent':
      out.push(
        roleTask(
          app,
          'consent',
          `Record ${who}'s consent to mix for ${programme} (${id})`,
          CASE_ROLES,
          'f17.consent',
        ),
      );
      break;
    case 'stakeholder-input':
    case 'review':
    case 'decision':
      out.push(...inputTasks(app, `suitability to mix of ${who} for ${programme} (${id})`));
      if (stage === 'review') {
        const label = `Review the suitability to mix assessment of ${who} for ${programme} (${id})`;
        out.push(roleTask(app, 'review', label, REVIEW_ROLES, 'f17.review', 'decision'));
      }
      if (stage === 'decision') {
        const label = `Decide whether ${who} may mix for ${programme} (${id})`;
        out.push(roleTask(app, 'decide', label, DECISION_ROLES, 'f17.decision', 'decision'));
      }
      break;
    case 'approved':
    case 'declined':
      if (!state.prisonerInformed) {
        const label = `Tell ${who} the decision (${stage}) on mixing for ${programme}, then confirm (${id})`;
        out.push(roleTask(app, 'informPrisoner', label, FOLLOW_UP_ROLES, 'f17.informPrisoner', 'followUp'));
      }
      if (stage === 'approved' && !state.consentFormUploaded) {
        const label = `Upload ${who}'s consent to mix form to IOMS, then confirm (${id})`;
        out.push(roleTask(app, 'consentForm', label, FOLLOW_UP_ROLES, 'f17.consentForm', 'followUp'));
      }
      break;
    case 'closed':
    case 'withdrawn':
      break;
  }
  return out;
}
