import { MAX_COVER_READ, actingIn } from '../directory/delegation';
import type { DelegationRecord } from '../directory/delegation';
import type { Role } from '../directory/roles';
import type { Store } from '../store/types';

/**
 * Directory look-ups for one tick: each role at each site is read once, and the acting cover in
 * force once, so a reminder for a role reaches whoever is acting in it too.
 */
export class PeopleCache {
  private readonly byRole = new Map<string, string[]>();
  private cover: Promise<DelegationRecord[]> | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: Date,
  ) {}

  async holding(roles: readonly Role[], site: string): Promise<string[]> {
    this.cover ??= this.store.delegations.atSites(null, this.now, MAX_COVER_READ);
    const out = new Set<string>(actingIn(await this.cover, roles, site, this.now));
    for (const role of roles) {
      const key = `${role}@${site}`;
      let ids = this.byRole.get(key);
      if (!ids) {
        ids = (await this.store.people.withRole(role, site)).map((p) => p.aadObjectId);
        this.byRole.set(key, ids);
      }
      ids.forEach((id) => out.add(id));
    }
    return [...out];
  }

  async rolesOf(aadObjectId: string, site: string): Promise<Role[]> {
    const p = await this.store.people.get(aadObjectId);
    return (p?.roles ?? []).filter((g) => g.site === site || g.site === '*').map((g) => g.role);
  }
}
