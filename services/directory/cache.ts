import type { DirectoryRevision, PeopleRepository } from '../store/types';
import type { Person } from './person';

/**
 * The directory as this process last read it, good while the directory's revision is unchanged.
 * Every look-up still reads the revision (one point read), so an import or a role removed in any
 * process counts from the next turn on: a revoked role is never honoured from the cache.
 */
export class DirectoryCache {
  private revision: string | undefined;
  private readonly people = new Map<string, Person | null>();
  private everyone: Person[] | undefined;

  constructor(private readonly repo: PeopleRepository) {}

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

  private follow(at: DirectoryRevision): void {
    if (this.revision === at.key) return;
    this.revision = at.key;
    this.people.clear();
    this.everyone = undefined;
  }
}
