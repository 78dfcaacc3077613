import type { Role } from './roles';

/**
 * The records of acting cover and the store interface that keeps them; the rules are in
 * ./delegation.ts (kept apart so that ./person.ts can name them without a circle).
 */

/** Who did something, as the audit trail records them. */
export interface Stamp {
  aadObjectId: string;
  name: string;
}

/** A grant of acting cover. `until` is exclusive: the cover ends at that instant. */
export interface Delegation {
  /** DEL-<year>-<n>: what people type to revoke it. */
  _id: string;
  delegate: string;
  delegateName: string;
  role: Role;
  site: string;
  from: Date;
  until: Date;
  grantedBy: Stamp;
  grantedAt: Date;
  /** Whether the grantor was an admin of the site or a holder of the role there. */
  grantedAs: 'admin' | 'role-holder';
  /** The request (Teams activity) that asked for it: the same request never grants twice. */
  requestKey: string;
}

export interface Revocation {
  delegationId: string;
  by: Stamp;
  at: Date;
}

/** A grant as it stands: revoked, or not. */
export interface DelegationRecord extends Delegation {
  revoked?: Revocation;
}

/**
 * Storage for grants and revocations. A grant and a revocation are each one insert guarded by a
 * unique index, so neither happens twice; both move the directory's revision on, so a cached
 * actor is never trusted past a change in their cover.
 */
export interface DelegationRepository {
  /** Throws DuplicateError when the id or the request key is taken. */
  grant(delegation: Delegation): Promise<void>;
  /**
   * Records the revocation unless the grant is revoked already. `first` is false when someone else
   * revoked it first; `revocation` is then theirs. Null when there is no such grant.
   */
  revoke(revocation: Revocation): Promise<{ first: boolean; revocation: Revocation } | null>;
  get(id: string): Promise<DelegationRecord | null>;
  byRequestKey(requestKey: string): Promise<DelegationRecord | null>;
  /** Grants to this person that end after `after` (revoked ones included, marked). One read. */
  forDelegate(aadObjectId: string, after: Date): Promise<DelegationRecord[]>;
  /** Grants at these sites (null: every site) that end after `after`, earliest end first. */
  atSites(sites: string[] | null, after: Date, limit: number): Promise<DelegationRecord[]>;
}

/** What an action taken under cover records about it, beside the actor's acting name. */
export interface ActingStamp {
  delegationId: string;
  role: Role;
  site: string;
}
