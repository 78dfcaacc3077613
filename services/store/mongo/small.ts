import type { Collection, Db } from 'mongodb';
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

/**
 * Conversation references are Bot Framework JSON whose keys we do not control (channelData may
 * carry anything); stored as a JSON string they can never trip over MongoDB's rules on keys.
 */
interface PersonalRefDoc {
  _id: string;
  json: string;
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

  constructor(db: Db) {
    this.personal = db.collection<PersonalRefDoc>('conversations');
    this.channels = db.collection<ChannelDoc>('channels');
  }

  async savePersonal(aadObjectId: string, reference: StoredReference): Promise<void> {
    const doc = { _id: aadObjectId, json: JSON.stringify(reference), at: new Date() };
    await upsertReplace(this.personal, doc);
  }

  async getPersonal(aadObjectId: string): Promise<StoredReference | null> {
    const doc = await guard(() => this.personal.findOne({ _id: aadObjectId }));
    return doc ? (JSON.parse(doc.json) as StoredReference) : null;
  }

  async registerChannel(
    purpose: string,
    site: string,
    reference: StoredReference,
    by: string,
  ): Promise<void> {
    const doc = {
      _id: `${purpose}|${site}`,
      purpose,
      site,
      json: JSON.stringify(reference),
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

interface CounterDoc {
  _id: string;
  n: number;
}

const UPSERT_RETRIES = 5;

export class MongoCounters implements CounterRepository {
  private readonly col: Collection<CounterDoc>;

  constructor(db: Db) {
    this.col = db.collection<CounterDoc>('counters');
  }

  async next(name: string): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        const doc = await guard(() =>
          this.col.findOneAndUpdate(
            { _id: name },
            { $inc: { n: 1 } },
            { upsert: true, returnDocument: 'after' },
          ),
        );
        if (!doc) throw new Error(`counter ${name} returned no document`);
        return doc.n;
      } catch (e) {
        // Two first calls both try to create the counter; the loser's $inc simply lands on the winner's.
        if (!(e instanceof DuplicateError) || attempt >= UPSERT_RETRIES) throw e;
      }
    }
  }
}

interface ClaimDoc {
  _id: string;
  holder: string;
  at: Date;
}

export class MongoClaims implements ClaimRepository {
  private readonly col: Collection<ClaimDoc>;

  constructor(db: Db) {
    this.col = db.collection<ClaimDoc>('claims');
  }

  async claim(key: string, holder: string): Promise<{ ok: true } | { ok: false; holder: string }> {
    for (let attempt = 1; attempt <= UPSERT_RETRIES; attempt++) {
      try {
        await guard(() => this.col.insertOne({ _id: key, holder, at: new Date() }));
        return { ok: true };
      } catch (e) {
        if (!(e instanceof DuplicateError)) throw e;
      }
      const current = await guard(() => this.col.findOne({ _id: key }));
      if (current) return current.holder === holder ? { ok: true } : { ok: false, holder: current.holder };
      // Released between our insert and our read: try again.
    }
    throw new DuplicateError(`claim ${key} kept changing hands`);
  }

  async release(key: string, holder: string): Promise<void> {
    await guard(() => this.col.deleteOne({ _id: key, holder }));
  }
}

interface LeaseDoc {
  _id: string;
  owner: string;
  until: Date;
}

export class MongoLeases implements LeaseRepository {
  private readonly col: Collection<LeaseDoc>;

  constructor(db: Db) {
    this.col = db.collection<LeaseDoc>('leases');
  }

  async acquire(name: string, owner: string, now: Date, until: Date): Promise<boolean> {
    try {
      const doc = await guard(() =>
        this.col.findOneAndUpdate(
          { _id: name, $or: [{ owner }, { until: { $lte: now } }] },
          { $set: { owner, until } },
          { upsert: true, returnDocument: 'after' },
        ),
      );
      return doc?.owner === owner;
    } catch (e) {
      // The filter missed because someone else holds it, so the upsert clashed with their document.
      if (e instanceof DuplicateError) return false;
      throw e;
    }
  }

  async release(name: string, owner: string): Promise<void> {
    await guard(() => this.col.deleteOne({ _id: name, owner }));
  }
}

export class MongoState implements StateRepository {
  private readonly col: Collection<StateDoc>;

  constructor(db: Db) {
    this.col = db.collection<StateDoc>('state');
  }

  async read(keys: string[]): Promise<StateDoc[]> {
    if (keys.length === 0) return [];
    const docs = await guard(() => this.col.find({ _id: { $in: keys } }).toArray());
    const byId = new Map(docs.map((d) => [d._id, d]));
    return keys.flatMap((k) => {
      const d = byId.get(k);
      return d ? [{ _id: d._id, eTag: d.eTag, data: d.data }] : [];
    });
  }

  async write(
    key: string,
    data: string,
    newETag: string,
    expectedETag: string | undefined,
  ): Promise<boolean> {
    if (expectedETag === undefined || expectedETag === '*') {
      await upsertReplace(this.col, { _id: key, eTag: newETag, data });
      return true;
    }
    const result = await guard(() =>
      this.col.updateOne({ _id: key, eTag: expectedETag }, { $set: { eTag: newETag, data } }),
    );
    return result.matchedCount === 1;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await guard(() => this.col.deleteMany({ _id: { $in: keys } }));
  }
}
