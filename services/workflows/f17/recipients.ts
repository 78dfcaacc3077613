import { hasAnyRole } from '../../directory/person';
import type { Actor } from '../../directory/person';
import type { Role } from '../../directory/roles';
import type { ApplicationDoc } from '../../workflow/domain';
import type { AppliedEvent, NotificationTarget } from '../../workflow/types';
import type { F17State } from './model';

/**
 * F.17.03: "communicated to the prisoner, case manager, case officer and programme facilitator".
 * Who is the prisoner's case manager or case officer is taken from the directory roles each person
 * held, at the site, when they started the assessment, recorded consent or answered a section
 * (`actingAs` in the event, from the actor the engine got from the directory). When nobody in one
 * of those roles took part, the site's holders of the role are told instead, as for a facilitator
 * without a Teams account: the policy names the role, so the role is never left out.
 */
export const DECISION_TOLD_ROLES: readonly Role[] = ['case-manager', 'case-officer'];

/** The F.17.03 roles the actor holds at the site, recorded with what they did. */
export function actingAs(actor: Actor, site: string): Role[] {
  return DECISION_TOLD_ROLES.filter((r) => hasAnyRole(actor, [r], site));
}

/** Folds an event's `actingAs` into the state (any event type may carry it). */
export function recordActingAs(state: F17State, e: AppliedEvent): F17State {
  const roles = e.payload['actingAs'];
  if (!Array.isArray(roles) || roles.length === 0) return state;
  const id = e.actor.aadObjectId;
  const held = new Set([...(state.actedAs?.[id] ?? []), ...(roles as Role[])]);
  return { ...state, actedAs: { ...state.actedAs, [id]: [...held] } };
}

/** Who gets "tell the prisoner": the people who acted in each named role, else the role at the site. */
export function decisionRecipients(app: ApplicationDoc<F17State>): NotificationTarget[] {
  const acted = app.state.actedAs ?? {};
  const out: NotificationTarget[] = [];
  const people = new Set<string>();
  for (const role of DECISION_TOLD_ROLES) {
    const ids = Object.keys(acted).filter((id) => acted[id]?.includes(role));
    if (ids.length === 0) out.push({ kind: 'role', roles: [role], site: app.site });
    for (const id of ids) people.add(id);
  }
  return [...[...people].map((aadObjectId) => ({ kind: 'person' as const, aadObjectId })), ...out];
}
