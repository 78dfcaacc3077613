import assert from 'node:assert/strict';
import { DirectoryCache } from '../../services/directory/cache';
import type { DelegationRecord } from '../../services/directory/delegation';
import { createMemoryStore } from '../../services/store/memory/memoryStore';

const NOW = new Date('2026-11-23T00:00:00Z');
const DAY = 86_400_000;

const cover: DelegationRecord = {
  _id: 'DEL-2026-00001',
  delegate: 'aad-patti',
  delegateName: 'Patti Fernandez',
  role: 'general-manager-custodial',
  site: 'Site-A',
  from: new Date(NOW.getTime() - DAY),
  until: new Date(NOW.getTime() + 7 * DAY),
  grantedBy: { aadObjectId: 'aad-gm', name: 'Grace Manager' },
  grantedAt: new Date(NOW.getTime() - DAY),
  grantedAs: 'role-holder',
  requestKey: 'grant:act-1',
};

describe('DirectoryCache: acting cover in force, for telling delegates', () => {
  it('cover given elsewhere since counts once the revision is read again, which work outside a turn does first', async () => {
    const store = createMemoryStore();
    let wall = 0;
    const cache = new DirectoryCache(store.people, store.delegations, () => wall);
    assert.deepEqual(await cache.coverInForce(NOW), []);
    // Another process grants cover: the directory's revision moves on.
    await store.delegations.grant(cover);
    // A second later (the scheduler, the reconcile sweep: no turn has read the revision since).
    wall += 1001;
    assert.deepEqual(
      (await cache.coverInForce(NOW)).map((d) => d._id),
      ['DEL-2026-00001'],
    );
    // Ended cover is not in force, whatever the cache holds.
    assert.deepEqual(await cache.coverInForce(new Date(NOW.getTime() + 8 * DAY)), []);
  });

  it('in a turn, which has just read the revision, no further read is made', async () => {
    const store = createMemoryStore();
    await store.delegations.grant(cover);
    const cache = new DirectoryCache(store.people, store.delegations, () => 0);
    await cache.coverInForce(NOW);
    let reads = 0;
    const revision = store.people.revision.bind(store.people);
    store.people.revision = async () => {
      reads++;
      return revision();
    };
    const grants = store.delegations.atSites.bind(store.delegations);
    store.delegations.atSites = async (...args) => {
      reads++;
      return grants(...args);
    };
    assert.equal((await cache.coverInForce(NOW)).length, 1);
    assert.equal(reads, 0, 'the cached cover, at the revision just read');
  });
});
