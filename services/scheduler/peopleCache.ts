import type { Role } from '../directory/roles';
import type { Store } from '../store/types';

/** Directory look-ups for one tick: each role at each site is read once. */
export class PeopleCache {
  private readonly byRole = new Map<string, string[]>();

  constructor(private readonly store: Store) {}

  async holding(roles: readonly Role[], site: string): Promise<string[]> {
    const out = new Set<string>();
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
