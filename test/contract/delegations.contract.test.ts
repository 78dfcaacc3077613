import assert from 'node:assert/strict';
import type { Delegation, Revocation } from '../../services/directory/delegation';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { MongoStore } from '../../services/store/mongo/mongoStore';
import { DuplicateError } from '../../services/store/types';
import type { Store } from '../../services/store/types';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';

/**
 * The delegations store's promises, on the in-memory store and on MongoDB/FerretDB: a grant and a
 * revocation each happen once (races included), revocations come back with their grant in one
 * read, and every change moves the directory's revision on (cached actors carry their cover).
 */
const T0 = new Date('2026-11-23T00:00:00.000Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

function grantOf(n: number, over: Partial<Delegation> = {}): Delegation {
  return {
    _id: `DEL-2026-${String(n).padStart(5, '0')}`,
    delegate: 'aad-patti',
    delegateName: 'Patti Fernandez',
    role: 'general-manager-custodial',
    site: 'Site-A',
    from: T0,
    until: days(7),
    grantedBy: { aadObjectId: 'aad-gm', name: 'Grace Manager' },
    grantedAt: T0,
    grantedAs: 'role-holder',
    requestKey: `grant:act-${n}`,
    ...over,
  };
}
const revocationOf = (delegationId: string, by = 'aad-gm', minutes = 5): Revocation => ({
  delegationId,
  by: { aadObjectId: by, name: by },
  at: new Date(T0.getTime() + minutes * 60_000),
});

function contract(name: string, open: () => Promise<Store>) {
  describe(`delegations store contract: ${name}`, function () {
    this.timeout(30_000);
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });

    it('keeps a grant as given, and refuses a second grant with the same id or request key', async () => {
      await store.delegations.grant(grantOf(1));
      assert.deepEqual(await store.delegations.get('DEL-2026-00001'), grantOf(1));
      await assert.rejects(store.delegations.grant(grantOf(1, { requestKey: 'other' })), DuplicateError);
      await assert.rejects(
        store.delegations.grant(grantOf(2, { requestKey: 'grant:act-1' })),
        DuplicateError,
      );
      assert.deepEqual(await store.delegations.byRequestKey('grant:act-1'), grantOf(1));
      assert.equal(await store.delegations.get('DEL-2026-00002'), null);
    });

    it('of the same request granted at once, exactly one is kept', async () => {
      const results = await Promise.allSettled(
        [1, 2, 3, 4, 5, 6].map((n) => store.delegations.grant(grantOf(n, { requestKey: 'grant:retried' }))),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof DuplicateError);
      assert.equal((await store.delegations.forDelegate('aad-patti', T0)).length, 1);
    });

    it('revokes once: a later or racing revocation gets the first one back', async () => {
      await store.delegations.grant(grantOf(1));
      const outcomes = await Promise.all(
        ['aad-gm', 'aad-admin', 'aad-patti'].map((by, i) =>
          store.delegations.revoke(revocationOf('DEL-2026-00001', by, i)),
        ),
      );
      const first = outcomes.filter((o) => o?.first);
      assert.equal(first.length, 1);
      for (const o of outcomes) assert.deepEqual(o?.revocation, first[0]?.revocation);
      assert.deepEqual((await store.delegations.get('DEL-2026-00001'))?.revoked, first[0]?.revocation);
      assert.equal(await store.delegations.revoke(revocationOf('DEL-2026-09999')), null);
    });

    it("reads a person's cover that has not ended, revocations folded in, in one read", async () => {
      await store.delegations.grant(grantOf(1));
      await store.delegations.grant(grantOf(2, { until: days(1), site: 'Site-B' }));
      await store.delegations.grant(grantOf(3, { delegate: 'aad-other' }));
      await store.delegations.revoke(revocationOf('DEL-2026-00001'));
      const mine = await store.delegations.forDelegate('aad-patti', T0);
      assert.deepEqual(mine.map((d) => [d._id, d.revoked?.by.aadObjectId]).sort(), [
        ['DEL-2026-00001', 'aad-gm'],
        ['DEL-2026-00002', undefined],
      ]);
      assert.deepEqual(
        (await store.delegations.forDelegate('aad-patti', days(2))).map((d) => d._id),
        ['DEL-2026-00001'],
        'what ended before `after` is left out',
      );
    });

    it('lists cover at sites, or everywhere, earliest end first, revocations kept with their grant', async () => {
      for (let n = 1; n <= 6; n++)
        await store.delegations.grant(grantOf(n, { until: days(n), site: n % 2 ? 'Site-A' : 'Site-B' }));
      for (const n of [1, 3]) await store.delegations.revoke(revocationOf(`DEL-2026-0000${n}`));
      const a = await store.delegations.atSites(['Site-A'], T0, 2);
      assert.deepEqual(
        a.map((d) => [d._id, Boolean(d.revoked)]),
        [
          ['DEL-2026-00001', true],
          ['DEL-2026-00003', true],
        ],
      );
      assert.deepEqual(
        (await store.delegations.atSites(null, days(4), 10)).map((d) => d._id),
        ['DEL-2026-00005', 'DEL-2026-00006'],
      );
      assert.deepEqual(await store.delegations.atSites([], T0, 10), []);
    });

    it('moves the directory revision on with every grant and revocation', async () => {
      const r0 = (await store.people.revision()).key;
      await store.delegations.grant(grantOf(1));
      const r1 = (await store.people.revision()).key;
      assert.notEqual(r1, r0);
      await store.delegations.revoke(revocationOf('DEL-2026-00001'));
      assert.notEqual((await store.people.revision()).key, r1);
    });
  });
}

contract('memory', async () => createMemoryStore());

describe('delegations store contract: mongodb', function () {
  let mongo: TestMongo;
  let store: MongoStore;
  before(async function () {
    mongo = await testMongoOrSkip(this);
    store = await mongo.open();
  });
  after(async () => {
    if (mongo) await mongo.close().catch(() => undefined);
  });
  contract('mongodb (FerretDB in CI)', async () => {
    await mongo.clean(store);
    return store;
  });
});
