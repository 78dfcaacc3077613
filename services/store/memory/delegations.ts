import type {
  Delegation,
  DelegationRecord,
  DelegationRepository,
  Revocation,
} from '../../directory/delegation';
import { DuplicateError } from '../types';

const copy = <T>(v: T): T => structuredClone(v);

/** Acting cover held in this process: the same contract as MongoDelegations. */
export class MemoryDelegations implements DelegationRepository {
  private readonly grants = new Map<string, Delegation>();
  private readonly revocations = new Map<string, Revocation>();

  constructor(private readonly changed: () => void) {}

  async grant(delegation: Delegation): Promise<void> {
    const taken = [...this.grants.values()].some((g) => g.requestKey === delegation.requestKey);
    if (taken || this.grants.has(delegation._id)) throw new DuplicateError();
    this.grants.set(delegation._id, copy(delegation));
    this.changed();
  }

  async revoke(revocation: Revocation): Promise<{ first: boolean; revocation: Revocation } | null> {
    if (!this.grants.has(revocation.delegationId)) return null;
    const theirs = this.revocations.get(revocation.delegationId);
    if (theirs) return { first: false, revocation: copy(theirs) };
    this.revocations.set(revocation.delegationId, copy(revocation));
    this.changed();
    return { first: true, revocation: copy(revocation) };
  }

  async get(id: string): Promise<DelegationRecord | null> {
    const g = this.grants.get(id);
    return g ? this.record(g) : null;
  }

  async byRequestKey(requestKey: string): Promise<DelegationRecord | null> {
    const g = [...this.grants.values()].find((d) => d.requestKey === requestKey);
    return g ? this.record(g) : null;
  }

  async forDelegate(aadObjectId: string, after: Date): Promise<DelegationRecord[]> {
    return [...this.grants.values()]
      .filter((g) => g.delegate === aadObjectId && g.until.getTime() > after.getTime())
      .map((g) => this.record(g));
  }

  async atSites(sites: string[] | null, after: Date, limit: number): Promise<DelegationRecord[]> {
    return [...this.grants.values()]
      .filter((g) => (!sites || sites.includes(g.site)) && g.until.getTime() > after.getTime())
      .sort((a, b) => a.until.getTime() - b.until.getTime() || (a._id < b._id ? -1 : 1))
      .slice(0, limit)
      .map((g) => this.record(g));
  }

  private record(g: Delegation): DelegationRecord {
    const r = this.revocations.get(g._id);
    return r ? { ...copy(g), revoked: copy(r) } : copy(g);
  }
}
