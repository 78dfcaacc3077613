import assert from 'node:assert/strict';
import { serverFields } from '../bot/serverFields';
import { createMemoryStore } from '../services/store/memory/memoryStore';
import type { ApplicationDoc } from '../services/store/types';
import { person } from './helpers/botHarness';

describe('server-supplied command fields', () => {
  it('fills the advisory panel’s core members from the directory at the application’s site, ignoring the card', async () => {
    const store = createMemoryStore();
    await store.people.replaceAll([
      person('aad-core-1', 'Rāwiri Core', [['advisory-panel-core', 'Site-A']]),
      person('aad-core-2', 'Ana Core', [['advisory-panel-core', 'Site-A']]),
      person('aad-core-b', 'Bea Elsewhere', [['advisory-panel-core', 'Site-B']]),
      person('aad-guest', 'Gus Guest', [['advisory-panel-guest', 'Site-A']]),
    ]);
    const app = { _id: 'VIS-2026-00001', site: 'Site-A' } as ApplicationDoc;
    const fields = await serverFields('v01.convenePanel', app, store);
    assert.deepEqual(fields, {
      coreMembers: [
        { aadObjectId: 'aad-core-2', name: 'Ana Core' },
        { aadObjectId: 'aad-core-1', name: 'Rāwiri Core' },
      ],
    });
    assert.deepEqual(await serverFields('f17.decide', app, store), {});
  });
});
