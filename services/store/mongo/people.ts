import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { Person, RoleGrant } from '../../directory/person';
import { NATIONAL_SITE } from '../../directory/roles';
import type { Role } from '../../directory/roles';
import { DuplicateError } from '../types';
import type { DirectoryRevision, PeopleRepository } from '../types';
import { ensureIndexes, guard } from './errors';

/**
 * The directory lives in generations: an import writes a whole new generation next to the live one
 * and then moves the single `directory_meta` pointer to it. The pointer moves in one document write,
 * so a reader sees either the old directory or the new one, never a mix, and an import that dies
 * part-way leaves the live directory untouched.
 */
interface PersonDoc extends Person {
  _id: string;
  gen: string;
  /** `role|site` for each grant: FerretDB cannot match two fields of one array element together. */
  roleKeys: string[];
  nameLower: string;
  emailLower: string;
  writtenAt: Date;
}

interface MetaDoc {
  _id: string;
  gen: string;
  /** Changed after every change to a person of the live generation: the key caches go by. */
  rev?: string;
  switchedAt: Date;
}

/** The generation people live in before the first import. */
const FIRST_GENERATION = 'g0';
const META_ID = 'active';
/** A generation that never went live and is this old was left behind by an import that died. */
const ABANDONED_AFTER_MS = 60 * 60_000;

const roleKey = (role: string, site: string) => `${role}|${site}`;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function toPerson(doc: PersonDoc): Person {
  return {
    aadObjectId: doc.aadObjectId,
    name: doc.name,
    email: doc.email,
    roles: doc.roles.map((g) => ({ ...g })),
  };
}

function toDoc(person: Person, gen: string): PersonDoc {
  const roles = person.roles.map((g) => ({ role: g.role, site: g.site }));
  return {
    _id: `${gen}:${person.aadObjectId}`,
    gen,
    aadObjectId: person.aadObjectId,
    name: person.name,
    email: person.email,
    roles,
    roleKeys: [...new Set(roles.map((g) => roleKey(g.role, g.site)))],
    nameLower: person.name.toLowerCase(),
    emailLower: person.email.toLowerCase(),
    writtenAt: new Date(),
  };
}

export class MongoPeople implements PeopleRepository {
  private readonly col: Collection<PersonDoc>;
  private readonly meta: Collection<MetaDoc>;

  constructor(db: Db) {
    this.col = db.collection<PersonDoc>('people');
    this.meta = db.collection<MetaDoc>('directory_meta');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.col, [
      { key: { gen: 1, aadObjectId: 1 }, name: 'gen_aadObjectId', unique: true },
      { key: { gen: 1, roleKeys: 1 }, name: 'gen_roleKeys' },
      { key: { gen: 1, emailLower: 1 }, name: 'gen_email' },
    ]);
  }

  async revision(): Promise<DirectoryRevision> {
    const meta = await guard(() => this.meta.findOne({ _id: META_ID }));
    const generation = meta?.gen ?? FIRST_GENERATION;
    return { generation, key: `${generation}/${meta?.rev ?? ''}` };
  }

  async get(aadObjectId: string, at?: DirectoryRevision): Promise<Person | null> {
    const gen = at?.generation ?? (await this.activeGeneration());
    const doc = await guard(() => this.col.findOne({ _id: `${gen}:${aadObjectId}` }));
    return doc ? toPerson(doc) : null;
  }

  async upsert(person: Person): Promise<void> {
    const gen = await this.activeGeneration();
    const doc = toDoc(person, gen);
    try {
      await guard(() => this.col.replaceOne({ _id: doc._id }, doc, { upsert: true }));
    } catch (e) {
      // Two upserts of a new person racing: the loser replaces what the winner inserted.
      if (!(e instanceof DuplicateError)) throw e;
      await guard(() => this.col.replaceOne({ _id: doc._id }, doc));
    }
    await this.changed();
  }

  /**
   * Moves the revision on, after the change itself: a reader that cached a person before the
   * change then sees a new revision on its next look and reads them again (acting cover too).
   */
  async changed(): Promise<void> {
    const set = { $set: { rev: randomUUID() } };
    try {
      await guard(() => this.meta.updateOne({ _id: META_ID }, set, { upsert: true }));
    } catch (e) {
      // Two first-ever changes racing to create the pointer: the loser updates what the winner made.
      if (!(e instanceof DuplicateError)) throw e;
      await guard(() => this.meta.updateOne({ _id: META_ID }, set));
    }
  }

  async replaceAll(people: Person[]): Promise<void> {
    const gen = `g${Date.now().toString(36)}${randomUUID().slice(0, 8)}`;
    const current = await this.activeGeneration();
    await guard(() =>
      this.col.deleteMany({
        gen: { $nin: [current, gen] },
        writtenAt: { $lt: new Date(Date.now() - ABANDONED_AFTER_MS) },
      }),
    );
    if (people.length > 0) {
      await guard(() =>
        this.col.insertMany(
          people.map((p) => toDoc(p, gen)),
          { ordered: true },
        ),
      );
    }
    const before = await guard(() =>
      this.meta.findOneAndUpdate(
        { _id: META_ID },
        { $set: { gen, rev: randomUUID(), switchedAt: new Date() } },
        { upsert: true, returnDocument: 'before' },
      ),
    );
    const previous = before?.gen ?? FIRST_GENERATION;
    await guard(() => this.col.deleteMany({ gen: previous }));
  }

  async withRole(role: Role, site: string): Promise<Person[]> {
    return this.withAnyRole([{ role, site }]);
  }

  async withAnyRole(grants: RoleGrant[]): Promise<Person[]> {
    if (grants.length === 0) return [];
    const gen = await this.activeGeneration();
    const keys = [
      ...new Set(grants.flatMap((g) => [roleKey(g.role, g.site), roleKey(g.role, NATIONAL_SITE)])),
    ];
    const docs = await guard(() => this.col.find({ gen, roleKeys: { $in: keys } }).toArray());
    return docs.map(toPerson);
  }

  async addRole(aadObjectId: string, grant: RoleGrant): Promise<boolean> {
    const gen = await this.activeGeneration();
    const g = { role: grant.role, site: grant.site };
    const id = `${gen}:${aadObjectId}`;
    const key = roleKey(g.role, g.site);
    // The `$ne` makes check-and-push one atomic step, so two admins adding the same grant add it once.
    const result = await guard(() =>
      this.col.updateOne(
        { _id: id, roleKeys: { $ne: key } },
        { $push: { roles: g, roleKeys: key }, $set: { writtenAt: new Date() } },
      ),
    );
    if (result.matchedCount > 0) {
      await this.changed();
      return true;
    }
    return (await guard(() => this.col.countDocuments({ _id: id }))) > 0;
  }

  async removeRole(aadObjectId: string, grant: RoleGrant): Promise<boolean> {
    const gen = await this.activeGeneration();
    const result = await guard(() =>
      this.col.updateOne(
        { _id: `${gen}:${aadObjectId}`, roleKeys: roleKey(grant.role, grant.site) },
        {
          $pull: { roles: { role: grant.role, site: grant.site }, roleKeys: roleKey(grant.role, grant.site) },
          $set: { writtenAt: new Date() },
        },
      ),
    );
    if (result.modifiedCount === 0) return false;
    await this.changed();
    return true;
  }

  async findByNameOrEmail(query: string): Promise<Person[]> {
    const q = query.trim();
    const gen = await this.activeGeneration();
    const lower = q.toLowerCase();
    const docs = await guard(() =>
      this.col
        .find({
          gen,
          $or: [{ emailLower: lower }, { nameLower: { $regex: escapeRegex(lower) } }, { aadObjectId: q }],
        })
        .sort({ nameLower: 1 })
        .limit(10)
        .toArray(),
    );
    return docs.map(toPerson);
  }

  async all(): Promise<Person[]> {
    const gen = await this.activeGeneration();
    const docs = await guard(() => this.col.find({ gen }).sort({ nameLower: 1 }).toArray());
    return docs.map(toPerson);
  }

  private async activeGeneration(): Promise<string> {
    const meta = await guard(() => this.meta.findOne({ _id: META_ID }));
    return meta?.gen ?? FIRST_GENERATION;
  }
}
