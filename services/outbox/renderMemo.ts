import { actorWithCover } from '../directory/delegation';
import type { DelegationRecord, DelegationRepository } from '../directory/delegation';
import type { Actor, Person } from '../directory/person';
import { actorFromPerson } from '../directory/person';
import type { DirectoryRevision, OutboxMessage, PeopleRepository } from '../store/types';
import type { ApplicationDoc } from '../workflow/domain';

export interface RenderMemoOptions {
  /** How long an application read for one card serves the next cards about it. */
  applicationMs: number;
  /** How long one read of the directory's revision serves the next cards' viewers. */
  directoryMs: number;
}

const DEFAULTS: RenderMemoOptions = { applicationMs: 1000, directoryMs: 250 };

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

/** The audit event number in an engine-made outbox id (`<application>#<seq>:…`), if any. */
export function causedBySeq(message: OutboxMessage): number | undefined {
  const m = /#(\d+):/.exec(message._id);
  return m ? Number(m[1]) : undefined;
}

/**
 * What drawing cards at delivery reads, shared by the cards drawn close together: a decision sends
 * up to seven cards about one application, each drawn for its recipient. An application read
 * within the last second serves a card only when it already includes the change that caused the
 * card (its version is at least the event in the message's id), so no card is drawn from a state
 * older than its own news. The directory's revision is read at most every 250 ms and people are
 * cached while it is unchanged, so a role removed counts for cards drawn a quarter-second later.
 */
export class RenderMemo {
  private readonly apps = new Map<string, Entry<ApplicationDoc | null>>();
  private revision: Entry<DirectoryRevision> | undefined;
  private peopleAt: string | undefined;
  private readonly people = new Map<string, Promise<Person | null>>();
  /** Acting cover, kept with the people (a grant or revocation moves the revision on). */
  private readonly covers = new Map<string, Promise<DelegationRecord[]>>();
  private readonly opts: RenderMemoOptions;

  constructor(
    private readonly load: (id: string) => Promise<ApplicationDoc | null>,
    private readonly directory: PeopleRepository,
    options: Partial<RenderMemoOptions> = {},
    private readonly now: () => number = Date.now,
    private readonly delegations?: DelegationRepository,
  ) {
    this.opts = { ...DEFAULTS, ...options };
  }

  /** The application as `load` gives it, read again unless a recent read already covers `message`. */
  async application(id: string, message: OutboxMessage): Promise<ApplicationDoc | null> {
    const t = this.now();
    const atLeast = causedBySeq(message) ?? Infinity;
    const hit = this.apps.get(id);
    if (hit && t - hit.at <= this.opts.applicationMs) {
      const app = await hit.value.catch(() => null);
      if (app && app.version >= atLeast) return app;
    }
    this.forgetOld(t);
    const value = this.load(id);
    this.apps.set(id, { at: t, value });
    value.catch(() => this.apps.delete(id));
    return value;
  }

  /** The person as the directory has them, at a revision read at most `directoryMs` ago. */
  async person(aadObjectId: string): Promise<Person | null> {
    const t = this.now();
    if (!this.revision || t - this.revision.at > this.opts.directoryMs) {
      const value = this.directory.revision();
      this.revision = { at: t, value };
      value.catch(() => (this.revision = undefined));
    }
    const at = await this.revision.value;
    if (this.peopleAt !== at.key) {
      this.peopleAt = at.key;
      this.people.clear();
      this.covers.clear();
    }
    let found = this.people.get(aadObjectId);
    if (!found) {
      found = this.directory.get(aadObjectId, at);
      this.people.set(aadObjectId, found);
      found.catch(() => this.people.delete(aadObjectId));
    }
    return found;
  }

  /** The person with the acting cover in force at `at` (services/directory/delegation.ts). */
  async actor(aadObjectId: string, at: Date): Promise<Actor | null> {
    const person = await this.person(aadObjectId);
    if (!person || !this.delegations) return person ? actorFromPerson(person) : null;
    let cover = this.covers.get(aadObjectId);
    if (!cover) {
      cover = this.delegations.forDelegate(aadObjectId, at);
      this.covers.set(aadObjectId, cover);
      cover.catch(() => this.covers.delete(aadObjectId));
    }
    return actorWithCover(person, await cover, at);
  }

  private forgetOld(t: number): void {
    if (this.apps.size < 200) return;
    for (const [id, e] of this.apps) if (t - e.at > this.opts.applicationMs) this.apps.delete(id);
  }
}
