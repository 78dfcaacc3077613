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

/**
 * Everything outstanding, as tasks for `my tasks`. Optional input is offered until the review
 * is in; after that it could no longer inform it.
 */
export function tasks(app: Omit<ApplicationDoc<F17State>, 'openTasks' | 'taskKeys'>): Task[] {
  const state = app.state;
  const site = app.site;
  const who = `${app.prisonerName} (${app.prisonerId})`;
  const programme = state.details?.programmeName ?? 'the programme';
  const id = app._id;
  const stage = stageOf(state);
  const out: Task[] = [];
  switch (stage) {
    case 'awaiting-consent':
      out.push({
        key: 'consent',
        label: `Record ${who}'s consent to mix for ${programme} (${id})`,
        roles: [...CASE_ROLES],
        site,
        card: 'f17.consent',
      });
      break;
    case 'stakeholder-input':
    case 'review':
    case 'decision':
      for (const key of ROLE_SECTIONS) {
        const spec = SECTIONS[key];
        if (sectionRecord(state, key)?.submitted) continue;
        if (!spec.required && state.review) continue;
        out.push({
          key: `section:${key}`,
          label: `${spec.title}: suitability to mix of ${who} for ${programme} (${id})`,
          roles: [...spec.roles],
          site,
          card: 'f17.section',
          params: { section: key },
          ...(spec.required ? {} : { term: 'optional' as const }),
        });
      }
      if (!state.review) {
        for (const c of state.contributors) {
          if (sectionRecord(state, otherKey(c.aadObjectId))?.submitted) continue;
          out.push({
            key: `section:${otherKey(c.aadObjectId)}`,
            label: `Further input (optional): suitability to mix of ${who} for ${programme} (${id})`,
            roles: [],
            site,
            assignee: c.aadObjectId,
            card: 'f17.section',
            params: { section: 'other' },
            term: 'optional',
          });
        }
      }
      if (stage === 'review') {
        out.push({
          key: 'review',
          label: `Review the suitability to mix assessment of ${who} for ${programme} (${id})`,
          roles: [...REVIEW_ROLES],
          site,
          card: 'f17.review',
          term: 'decision',
        });
      }
      if (stage === 'decision') {
        out.push({
          key: 'decide',
          label: `Decide whether ${who} may mix for ${programme} (${id})`,
          roles: [...DECISION_ROLES],
          site,
          card: 'f17.decision',
          term: 'decision',
        });
      }
      break;
    case 'approved':
    case 'declined':
      if (!state.prisonerInformed) {
        out.push({
          key: 'informPrisoner',
          label: `Tell ${who} the decision (${stage}) on mixing for ${programme}, then confirm (${id})`,
          roles: [...FOLLOW_UP_ROLES],
          site,
          card: 'f17.informPrisoner',
          term: 'followUp',
        });
      }
      if (stage === 'approved' && !state.consentFormUploaded) {
        out.push({
          key: 'consentForm',
          label: `Upload ${who}'s consent to mix form to IOMS, then confirm (${id})`,
          roles: [...FOLLOW_UP_ROLES],
          site,
          card: 'f17.consentForm',
          term: 'followUp',
        });
      }
      break;
    case 'closed':
    case 'withdrawn':
      break;
  }
  return out;
}
