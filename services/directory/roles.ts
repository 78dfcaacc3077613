import { z } from 'zod';

/** Every role named in the policies, with the label people see. */
export const ROLE_LABELS = {
  'case-manager': 'case manager',
  'principal-case-manager': 'principal case manager',
  'case-officer': 'case officer',
  'principal-corrections-officer': 'principal corrections officer',
  intelligence: 'intelligence',
  psychologist: 'psychologist',
  health: 'health services',
  'pou-arahi': 'Pou Arahi',
  'custodial-systems-manager': 'custodial systems manager',
  'security-manager': 'security manager',
  'general-manager-custodial': 'general manager custodial',
  'prison-director': 'prison director',
  'reception-movements-manager': 'reception/movements manager',
  'service-manager': 'service manager',
  'scheduling-coordinator': 'scheduling coordinator',
  'programme-facilitator': 'programme facilitator',
  'entry-staff': 'entry staff',
  'advisory-panel-core': 'advisory panel core member',
  'advisory-panel-guest': 'advisory panel guest',
  'review-officer': 'review officer (Director Office of the Commissioner Custodial Services)',
  'chief-inspector': 'Chief Inspector',
  admin: 'admin',
} as const;

export type Role = keyof typeof ROLE_LABELS;
export const ROLES = Object.keys(ROLE_LABELS) as Role[];
export const roleSchema = z.enum(ROLES as [Role, ...Role[]]);

/** Roles that apply everywhere rather than at one site (national reviewers, system admins). */
export const NATIONAL_SITE = '*';

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}

export function roleListLabel(roles: readonly Role[]): string {
  const labels = roles.map(roleLabel);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}
