import { z } from 'zod';
import { NATIONAL_SITE, roleSchema } from './roles';
import type { Role } from './roles';
import type { ActingStamp, DelegationRecord } from './delegationRecords';

export const siteSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^(\*|[A-Za-z0-9][A-Za-z0-9 _-]*)$/, 'a site is letters, digits, spaces, - or _');

export const roleGrantSchema = z.object({ role: roleSchema, site: siteSchema });
export type RoleGrant = z.infer<typeof roleGrantSchema>;

export const personSchema = z.object({
  aadObjectId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((id) => !id.startsWith('system:'), 'ids starting with "system:" are reserved for Tautoko itself'),
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().email().max(320),
  roles: z.array(roleGrantSchema).default([]),
});
export type Person = z.infer<typeof personSchema>;

/** Who is acting: always resolved from the activity's `from.aadObjectId` and the directory. */
export interface Actor {
  aadObjectId: string;
  /** As the action names them: "Patti Fernandez, acting general manager custodial" under cover. */
  name: string;
  /** Their own roles, and the role of each delegation in `cover` (see ./delegation). */
  roles: RoleGrant[];
  /** Acting cover in force when the actor was looked up, counted in `roles`. */
  cover?: DelegationRecord[];
  /** Set on the actor a decision was taken as, when it was taken under a delegation. */
  acting?: ActingStamp;
}

export function actorFromPerson(person: Person): Actor {
  return { aadObjectId: person.aadObjectId, name: person.name, roles: person.roles };
}

export function hasRole(actor: Pick<Actor, 'roles'>, role: Role, site: string): boolean {
  return actor.roles.some((g) => g.role === role && (g.site === site || g.site === NATIONAL_SITE));
}

export function hasAnyRole(actor: Pick<Actor, 'roles'>, roles: readonly Role[], site: string): boolean {
  return roles.some((r) => hasRole(actor, r, site));
}

export function holdsRoleAnywhere(actor: Pick<Actor, 'roles'>, roles: readonly Role[]): boolean {
  return actor.roles.some((g) => roles.includes(g.role));
}

export function sitesOf(actor: Pick<Actor, 'roles'>): string[] {
  return [...new Set(actor.roles.map((g) => g.site))];
}
