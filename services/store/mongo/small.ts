import type { Collection, Db } from 'mongodb';
import { DomainError } from '../../errors';
import { DuplicateError } from '../types';
import type {
  ClaimRepository,
  ConversationRepository,
  CounterRepository,
  LeaseRepository,
  StateDoc,
  StateRepository,
  StoredReference,
} from '../types';
import { guard } from './errors';
import { GenerationRegister, backoff } from './register';

/**
 * Conversation references are Bot Framework JSON whose keys we do not control (channelData may
 * carry anything); stored as a JSON string they can never trip over MongoDB's rules on keys.
 */
interface PersonalRefDoc {
  _id: string;
  json: string;
  at: Date;
}

interface UserIdDoc {
  _id: string;
  userId: string;
  at: Date;
}

interface ChannelDoc {
  _id: string;
  purpose: string;
  site: string;
  json: string;
  registeredBy: string;
  at: Date;
}

export class MongoConversations implements ConversationRepository {
  private readonly personal: Collection<PersonalRefDoc>;
  private readonly channels: Collection<ChannelDoc>;
  private readonly users: Collection<UserIdDoc>;

  constructor(db: Db) {
    this.personal = db.collection<PersonalRefDoc>('conversations');
    this.channels = db.collection<ChannelDoc>('channels');
    this.users = db.collection<UserIdDoc>('teams_users');
  }

  async saveUserId(aadObjectId: string, userId: string): Promise<void> {
    await upsertReplace(this.users, { _id: aadObjectId, userId, at: new Date() });
  }

  async userIdsOf(aadObjectIds: string[]): Promise<Map<string, string>> {
    if (aadObjectIds.length === 0) return new Map();
    const docs = await guard(() => this.users.find({ _id: { $in: aadObjectIds } }).toArray());
    return new Map(docs.map((d) => [d._id, d.userId]));
  }

  async savePersonal(aadObjectId: string, reference: StoredReference): Promise<void> {
    const doc = { _id: aadObjectId, json: JSON.stringify(reference), at: new Date() };
    await upsertReplace(this.personal, doc);
  }

  async getPersonal(aadObjectId: string): Promise<StoredReference | null> {
    const doc = await guard(() => this.personal.findOne({ _id: aadObjectId }));
    return doc ? (JSON.parse(doc.json) as StoredReference) : null;
  }

  async removePersonal(aadObjectId: string): Promise<void> {
    await guard(() => this.personal.deleteOne({ _id: aadObjectId }));
  }

  async registerChannel(purpose: string, site: string, ref: StoredReference, by: string): Promise<void> {
    const doc = {
      _id: `${purpose}|${site}`,
      purpose,
      site,
      json: JSON.stringify(ref),
      registeredBy: by,
      at: new Date(),
    };
    await upsertReplace(this.channels, doc);
  }

  async getChannel(purpose: string, site: string): Promise<StoredReference | null> {
    const doc = await guard(() => this.channels.findOne({ _id: `${purpose}|${site}` }));
    return doc ? (JSON.parse(doc.json) as StoredReference) : null;
  }

  async listChannels(): Promise<Array<{ purpose: string; site: string; registeredBy: string; at: Date }>> {
    const docs = await guard(() => this.channels.find({}).sort({ purpose: 1, site: 1 }).toArray());
    return docs.map((d) => ({ purpose: d.purpose, site: d.site, registeredBy: d.registeredBy, at: d.at }));
  }
}

/** Insert-or-replace that survives two racing upserts of a new key (the loser just replaces). */
async function upsertReplace<T extends { _id: string }>(col: Collection<T>, doc: T): Promise<void> {
  const filter = { _id: doc._id } as Parameters<Collection<T>['replaceOne']>[0];
  try {
    await guard(() => col.replaceOne(filter, doc, { upsert: true }));
  } catch (e) {
    if (!(e instanceof DuplicateError)) throw e;
    await guard(() => col.replaceOne(filter, doc));
  }
}

/** Enough for a hundred writers racing for numbers from one sequence. */
const MAX_ATTEMPTS = 1000;

/**
 * Each number is a generation of its sequence: the insert that writes it is what makes it ours, so
 * numbers stay unique across any number of processes. Within one process, calls for one sequence
 * queue behind each other instead of racing; otherwise a burst of starts would spend most of its
 * time losing races on the database.
 */
export class MongoCounters implements CounterRepository {
  readonly register: GenerationRegister<{ at: Date }>;
  private readonly queues = new Map<string, Promise<number>>();

  constructor(db: Db) {
    this.register = new GenerationRegister(db, 'counters');
  }

  next(name: string): Promise<number> {
    const before = this.queues.get(name);
    const mine = before ? before.then(...twice(() => this.allocate(name))) : this.allocate(name);
    this.queues.set(name, mine);
    const forget = () => {
      if (this.queues.get(name) === mine) this.queues.delete(name);
    };
    mine.then(forget, forget);
    return mine;
  }

  private async allocate(name: string): Promise<number> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const latest = await this.register.latest(name);
      const n = (latest?.k ?? 0) + 1;
      if (await this.register.put(name, n, { at: new Date() })) {
        if (n % 32 === 0) await this.register.prune(name, n);
        return n;
      }
      await backoff(attempt);
    }
    throw new DomainError('CONFLICT', 'Too many people are starting applications at once. Please try again.');
  }
}

/** The same continuation whether the call before us succeeded or failed. */
function twice<T>(f: () => Promise<T>): [() => Promise<T>, () => Promise<T>] {
  return [f, f];
}

/** A claim's holder is its newest generation; '' records a release. */
export class MongoClaims implements ClaimRepository {
  readonly register: GenerationRegister<{ holder: string; at: Date }>;

  constructor(db: Db) {
    this.register = new GenerationRegister(db, 'claims');
  }

  async claim(key: string, holder: string): Promise<{ ok: true } | { ok: false; holder: string }> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const latest = await this.register.latest(key);
      if (latest && latest.holder !== '') {
        return latest.holder === holder ? { ok: true } : { ok: false, holder: latest.holder };
      }
      const k = (latest?.k ?? 0) + 1;
      if (await this.register.put(key, k, { holder, at: new Date() })) {
        await this.register.prune(key, k);
        return { ok: true };
      }
      // Somebody claimed or released it as we looked: look again.
      await backoff(attempt);
    }
    throw new DomainError('CONFLICT', 'This is changing hands too quickly. Please try again.');
  }

  async release(key: string, holder: string): Promise<void> {
    const latest = await this.register.latest(key);
    if (!latest || latest.holder !== holder) return;
    if (await this.register.put(key, latest.k + 1, { holder: '', at: new Date() })) {
      await this.register.prune(key, latest.k + 1);
    }
  }
}

const RELEASED = { owner: '', until: new Date(0) };

/** A lease's holder is its newest generation; a renewal or a takeover writes the next one. */
export class MongoLeases implements LeaseRepository {
  readonly register: GenerationRegister<{ owner: string; until: Date }>;

  constructor(db: Db) {
    this.register = new GenerationRegister(db, 'leases');
  }

  async acquire(name: string, owner: string, now: Date, until: Date): Promise<boolean> {
    const latest = await this.register.latest(name);
    if (latest && latest.owner !== owner && latest.until.getTime() > now.getTime()) return false;
    const k = (latest?.k ?? 0) + 1;
    if (!(await this.register.put(name, k, { owner, until }))) return false;
    await this.register.prune(name, k);
    return true;
  }

  async release(name: string, owner: string): Promise<void> {
    const latest = await this.register.latest(name);
    if (!latest || latest.owner !== owner) return;
    if (await this.register.put(name, latest.k + 1, RELEASED)) await this.register.prune(name, latest.k + 1);
  }
}

/** botbuilder state: each write is the next generation of its key, so a stale eTag loses cleanly. */
export class MongoState implements StateRepository {
  readonly register: GenerationRegister<{ eTag: string; data: string }>;

  constructor(db: Db) {
    this.register = new GenerationRegister(db, 'state');
  }

  async read(keys: string[]): Promise<StateDoc[]> {
    if (keys.length === 0) return [];
    const latest = await this.register.latestOf(keys);
    return keys.flatMap((k) => {
      const d = latest.get(k);
      return d ? [{ _id: k, eTag: d.eTag, data: d.data }] : [];
    });
  }

  async write(key: string, data: string, eTag: string, expectedETag: string | undefined): Promise<boolean> {
    const overwrite = expectedETag === undefined || expectedETag === '*';
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const latest = await this.register.latest(key);
      if (!overwrite && latest?.eTag !== expectedETag) return false;
      const k = (latest?.k ?? 0) + 1;
      if (await this.register.put(key, k, { eTag, data })) {
        await this.register.prune(key, k);
        return true;
      }
      if (!overwrite) return false;
      await backoff(attempt);
    }
    return false;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.register.removeAll(keys);
  }
}
