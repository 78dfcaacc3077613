import type { DirectoryRevision, PeopleRepository } from '../store/types';
import { MAX_COVER_READ, actorWithCover, isActive } from './delegation';
import type { DelegationRecord, DelegationRepository } from './delegation';
import type { Actor, Person } from './person';
import { actorFromPerson } from './person';

/**
 * The directory as this process last read it, good while the directory's revision is unchanged.
 * Every look-up still reads the revision (one point read), so an import or a role removed in any
 * process counts from the next turn on: a revoked role is never honoured from the cache.
 */
/** A revision read this recently (by the turn that is running) is taken as current. */
const REVISION_FRESH_MS = 1000;

export class DirectoryCache {
  private revision: string | undefined;
  private readonly people = new Map<string, Person | null>();
  private everyone: Person[] | undefined;
  /** Each person's acting cover that had not ended when read (a grant or revocation changes the revision). */
  private readonly cover = new Map<string, DelegationRecord[]>();
  /** Every grant not ended when read (for coverInForce). */
  private allCover: DelegationRecord[] | undefined;
  /** When a revision was last read (wall-clock ms). */
  private revisionSeenAt = 0;

  constructor(
    private readonly repo: PeopleRepository,
    private readonly delegations?: DelegationRepository,
    /** Wall-clock milliseconds, for how recently the revision was read. */
    private readonly wallMs: () => number = Date.now,
  ) {}

  /**
   * Who is acting, as of `now`: the person with the acting cover in force (see ./delegation).
   * Cached with the person, so a warm turn still costs only the revision read.
   */
  async actor(aadObjectId: string, now: Date): Promise<Actor | null> {
    if (!this.delegations) {
      const person = await this.person(aadObjectId);
      return person ? actorFromPerson(person) : null;
    }
    const at = await this.repo.revision();
    this.follow(at);
    const cachedPerson = this.people.get(aadObjectId);
    const cachedCover = this.cover.get(aadObjectId);
    const [person, cover] = await Promise.all([
      cachedPerson !== undefined ? cachedPerson : this.repo.get(aadObjectId, at),
      cachedCover ?? this.delegations.forDelegate(aadObjectId, now),
    ]);
    if (this.revision === at.key) {
      this.people.set(aadObjectId, person);
      this.cover.set(aadObjectId, cover);
    }
    return person ? actorWithCover(person, cover, now) : null;
  }

  /** The person as the directory has them now: one request, two when not cached at this revision. */
  async person(aadObjectId: string): Promise<Person | null> {
    const at = await this.repo.revision();
    this.follow(at);
    const cached = this.people.get(aadObjectId);
    if (cached !== undefined) return cached;
    const person = await this.repo.get(aadObjectId, at);
    // A newer revision seen meanwhile (another turn) makes this read one that may be out of date.
    if (this.revision === at.key) this.people.set(aadObjectId, person);
    return person;
  }

  /**
   * Everyone, as of the revision the last look-up saw (choice lists on cards): read again only
   * after the directory changed.
   */
  async all(): Promise<Person[]> {
    if (this.everyone && this.revision !== undefined) return this.everyone;
    const at = await this.repo.revision();
    this.follow(at);
    const everyone = await this.repo.all();
    if (this.revision === at.key) this.everyone = everyone;
    return everyone;
  }

  /**
   * Acting cover in force at `now`, at every site, for telling delegates what their role is told.
   * Read again only after the directory changed (a grant or revocation changes its revision). In a
   * turn the revision has just been read; work outside a turn (the scheduler, the reconcile sweep)
   * reads it again first, so cover given in another process since is not missed.
   */
  async coverInForce(now: Date): Promise<DelegationRecord[]> {
    if (!this.delegations) return [];
    if (this.revision === undefined || this.wallMs() - this.revisionSeenAt > REVISION_FRESH_MS)
      this.follow(await this.repo.revision());
    let grants = this.allCover;
    if (!grants) {
      const key = this.revision;
      grants = await this.delegations.atSites(null, now, MAX_COVER_READ);
      if (this.revision === key) this.allCover = grants;
    }
    return grants.filter((d) => isActive(d, now));
  }

  private follow(at: DirectoryRevision): void {
    this.revisionSeenAt = this.wallMs();
    if (this.revision === at.key) return;
    this.revision = at.key;
    this.people.clear();
    this.cover.clear();
    this.everyone = undefined;
    this.allCover = undefined;
  }
}
