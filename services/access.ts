import type { Actor } from './directory/person';
import { NATIONAL_SITE } from './directory/roles';
import type { ApplicationDoc } from './workflow/domain';

/**
 * Who may see an application at all: the people involved in it, and staff holding a role at
 * its site. Everyone else gets the same answer as for an id that does not exist.
 * Restricted sections (intelligence) have their own, narrower rule in each card.
 */
export function canSeeApplication(app: Pick<ApplicationDoc, 'participants' | 'site'>, actor: Actor): boolean {
  if (app.participants.includes(actor.aadObjectId)) return true;
  return actor.roles.some((g) => g.site === app.site || g.site === NATIONAL_SITE);
}
