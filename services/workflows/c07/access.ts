import { hasAnyRole } from '../../directory/person';
import type { Actor } from '../../directory/person';
import { CASE_MANAGER_ROLES, managerRoleFor } from './model';
import type { HuiState } from './model';

/**
 * Someone the directory has as a case manager (or principal case manager) at the hui's site. Being
 * named as the hui's case manager is not enough: a name on a card never grants a role (C.07.02).
 */
export function isHuiCaseManager(s: HuiState, actor: Pick<Actor, 'aadObjectId' | 'roles'>): boolean {
  return hasAnyRole(actor, CASE_MANAGER_ROLES, s.site);
}

/** The case manager, or the staff member who organised the hui (C.07.05). */
export function isHuiOrganiser(s: HuiState, actor: Pick<Actor, 'aadObjectId' | 'roles'>): boolean {
  return actor.aadObjectId === s.organiserId || isHuiCaseManager(s, actor);
}

/** The prison director (or delegate) or the service manager, whichever the hui's location calls for. */
export function isHuiManager(s: HuiState, actor: Pick<Actor, 'roles'>): boolean {
  return hasAnyRole(actor, [managerRoleFor(s)], s.site);
}
