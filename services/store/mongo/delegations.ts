import type { Collection, Db } from 'mongodb';
import type {
  Delegation,
  DelegationRecord,
  DelegationRepository,
  Revocation,
} from '../../directory/delegation';
import { DuplicateError } from '../types';
import { ensureIndexes, guard } from './errors';

/**
 * Grants and revocations of acting cover, in one collection so that a person's cover, revocations
 * included, is one read. Each is an insert: a grant's request key and a revocation's id are
 * unique, so a retried request grants once and of two people revoking at once exactly one does.
 */
type GrantDoc = Delegation & { kind: 'grant' };
interface RevocationDoc extends Revocation {
  _id: string;
  kind: 'revocation';
  /** Copied from the grant, so the grant's queries find its revocation beside it. */
  delegate: string;
  site: string;
  until: Date;
  requestKey: string;
}
type Doc = GrantDoc | RevocationDoc;

const revocationId = (delegationId: string) => `${delegationId}~revoked`;

/** Grants with their revocations folded in. */
function records(docs: Doc[]): DelegationRecord[] {
  const revoked = new Map<string, Revocation>();
  for (const d of docs)
    if (d.kind === 'revocation')
      revoked.set(d.delegationId, { delegationId: d.delegationId, by: d.by, at: d.at });
  return docs
    .filter((d): d is GrantDoc => d.kind === 'grant')
    .map(({ kind: _kind, ...g }) => {
      const r = revoked.get(g._id);
      return r ? { ...g, revoked: r } : g;
    });
}

export class MongoDelegations implements DelegationRepository {
  private readonly col: Collection<Doc>;

  constructor(
    db: Db,
    /** Moves the directory's revision on (cached actors carry their cover). */
    private readonly changed: () => Promise<void>,
  ) {
    this.col = db.collection<Doc>('delegations');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.col, [
      { key: { requestKey: 1 }, name: 'requestKey', unique: true },
      { key: { delegate: 1, until: 1 }, name: 'delegate_until' },
      // Lists (by site, or every site) read the cover that has not ended: few, by `until`.
      { key: { until: 1 }, name: 'until' },
    ]);
  }

  async grant(delegation: Delegation): Promise<void> {
    await guard(() => this.col.insertOne({ ...delegation, kind: 'grant' }));
    await this.changed();
  }

  async revoke(revocation: Revocation): Promise<{ first: boolean; revocation: Revocation } | null> {
    const grant = await this.get(revocation.delegationId);
    if (!grant) return null;
    if (grant.revoked) return { first: false, revocation: grant.revoked };
    const doc: RevocationDoc = {
      ...revocation,
      _id: revocationId(grant._id),
      kind: 'revocation',
      delegate: grant.delegate,
      site: grant.site,
      until: grant.until,
      requestKey: revocationId(grant._id),
    };
    try {
      await guard(() => this.col.insertOne(doc));
    } catch (e) {
      if (!(e instanceof DuplicateError)) throw e;
      const theirs = (await this.get(grant._id))?.revoked;
      if (theirs) return { first: false, revocation: theirs };
      throw e;
    }
    await this.changed();
    return { first: true, revocation };
  }

  async get(id: string): Promise<DelegationRecord | null> {
    const docs = await guard(() => this.col.find({ _id: { $in: [id, revocationId(id)] } }).toArray());
    return records(docs)[0] ?? null;
  }

  async byRequestKey(requestKey: string): Promise<DelegationRecord | null> {
    const doc = await guard(() => this.col.findOne({ requestKey }));
    return doc?.kind === 'grant' ? this.get(doc._id) : null;
  }

  async forDelegate(aadObjectId: string, after: Date): Promise<DelegationRecord[]> {
    const docs = await guard(() => this.col.find({ delegate: aadObjectId, until: { $gt: after } }).toArray());
    return records(docs);
  }

  async atSites(sites: string[] | null, after: Date, limit: number): Promise<DelegationRecord[]> {
    if (sites?.length === 0) return [];
    const where = sites ? { site: { $in: sites }, until: { $gt: after } } : { until: { $gt: after } };
    const docs = await guard(() =>
      this.col
        .find(where)
        .sort({ until: 1, _id: 1 })
        .limit(limit * 2)
        .toArray(),
    );
    return records(docs).slice(0, limit);
  }
}
