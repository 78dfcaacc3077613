import type { Role } from '../directory/roles';
import { NATIONAL_SITE } from '../directory/roles';

/**
 * Who a late task is escalated to: the manager role of the most senior role that could do it, at
 * the same site ("the custodial systems manager for sections, the general manager for a review").
 * The prison director has no manager at the site, and roles held for all sites (the review
 * officer, the Chief Inspector) have none anywhere: both go to the role named in configuration.
 */
const SENIORITY: readonly Role[] = [
  'entry-staff',
  'scheduling-coordinator',
  'programme-facilitator',
  'advisory-panel-guest',
  'advisory-panel-core',
  'pou-arahi',
  'health',
  'psychologist',
  'intelligence',
  'case-officer',
  'principal-corrections-officer',
  'case-manager',
  'principal-case-manager',
  'security-manager',
  'custodial-systems-manager',
  'reception-movements-manager',
  'service-manager',
  'general-manager-custodial',
  'prison-director',
];

const CUSTODIAL_SYSTEMS: Role = 'custodial-systems-manager';
const GENERAL_MANAGER: Role = 'general-manager-custodial';
const DIRECTOR: Role = 'prison-director';

export const MANAGER_OF: Record<Role, Role | 'national'> = {
  'entry-staff': CUSTODIAL_SYSTEMS,
  'scheduling-coordinator': CUSTODIAL_SYSTEMS,
  'programme-facilitator': CUSTODIAL_SYSTEMS,
  'advisory-panel-guest': CUSTODIAL_SYSTEMS,
  'advisory-panel-core': CUSTODIAL_SYSTEMS,
  'pou-arahi': CUSTODIAL_SYSTEMS,
  health: CUSTODIAL_SYSTEMS,
  psychologist: CUSTODIAL_SYSTEMS,
  intelligence: CUSTODIAL_SYSTEMS,
  'case-officer': CUSTODIAL_SYSTEMS,
  'principal-corrections-officer': CUSTODIAL_SYSTEMS,
  'case-manager': CUSTODIAL_SYSTEMS,
  'principal-case-manager': CUSTODIAL_SYSTEMS,
  'security-manager': GENERAL_MANAGER,
  'custodial-systems-manager': GENERAL_MANAGER,
  'reception-movements-manager': GENERAL_MANAGER,
  'service-manager': DIRECTOR,
  'general-manager-custodial': DIRECTOR,
  'prison-director': 'national',
  'review-officer': 'national',
  'chief-inspector': 'national',
  admin: 'national',
};

export interface EscalationTarget {
  role: Role;
  site: string;
}

/** The escalation target for a task held by `roles` at `site`. */
export function escalationFor(roles: readonly Role[], site: string, nationalRole: Role): EscalationTarget {
  const national = { role: nationalRole, site: NATIONAL_SITE };
  if (site === NATIONAL_SITE || roles.length === 0) return national;
  const senior = [...roles].sort((a, b) => rank(b) - rank(a))[0]!;
  const manager = MANAGER_OF[senior];
  return manager === 'national' ? national : { role: manager, site };
}

function rank(role: Role): number {
  const i = SENIORITY.indexOf(role);
  return i === -1 ? SENIORITY.length : i;
}
