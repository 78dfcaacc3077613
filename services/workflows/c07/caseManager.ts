import { z } from 'zod';
import { hasAnyRole } from '../../directory/person';
import type { Actor } from '../../directory/person';
import { ROLES } from '../../directory/roles';
import type { Role } from '../../directory/roles';
import { ValidationError } from '../../errors';
import { CASE_MANAGER_ROLES } from './model';

/**
 * C.07.02 / C.07.05: "the prisoner's case manager" must be a case manager. When someone else
 * organises a hui and names the case manager, the server looks the named person up in the
 * directory and supplies what it found (`caseManagerCheck`, serverFields.ts), overriding
 * anything a card sent; the start refuses a name the directory does not have as a case manager
 * (or principal case manager) at the hui's site.
 */
export const caseManagerCheckSchema = z.object({
  found: z.boolean(),
  name: z.string().optional(),
  roles: z.array(z.object({ role: z.enum(ROLES as unknown as [Role, ...Role[]]), site: z.string() })),
});
export type CaseManagerCheck = z.infer<typeof caseManagerCheckSchema>;

const refuse = (message: string): never => {
  throw new ValidationError([{ field: 'caseManagerId', message }]);
};

/** The hui's case manager's id: the starter if they are one, otherwise the person named and checked. */
export function resolveCaseManager(
  input: { site: string; caseManagerId?: string; caseManagerCheck?: CaseManagerCheck },
  actor: Actor,
): string {
  const actorIsCm = hasAnyRole(actor, CASE_MANAGER_ROLES, input.site);
  const named = input.caseManagerId;
  if (!named || named === actor.aadObjectId) {
    if (actorIsCm) return actor.aadObjectId;
    return refuse(
      named
        ? `You are not a case manager at ${input.site}: name the prisoner’s case manager.`
        : 'Name the prisoner’s case manager: they must be involved in every hui.',
    );
  }
  const check = input.caseManagerCheck;
  if (!check)
    return refuse('The case manager could not be checked against the staff directory. Please try again.');
  if (!check.found) return refuse('That person is not in the Tautoko staff directory.');
  if (!hasAnyRole({ roles: check.roles }, CASE_MANAGER_ROLES, input.site))
    return refuse(
      `${check.name ?? 'That person'} is not a case manager at ${input.site} in the staff directory.`,
    );
  return named;
}
