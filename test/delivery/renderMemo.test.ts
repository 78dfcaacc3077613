import assert from 'node:assert/strict';
import { RenderMemo } from '../../services/outbox/renderMemo';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { OutboxMessage } from '../../services/store/types';
import type { ApplicationDoc } from '../../services/workflow/domain';
import { person } from '../helpers/botHarness';

function card(id: string, applicationId: string): OutboxMessage {
  return {
    _id: id,
    target: { kind: 'person', aadObjectId: 'aad-1' },
    text: id,
    applicationId,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(0),
    createdAt: new Date(0),
  };
}

describe('Cards drawn at delivery share their reads (RenderMemo)', () => {
  it('one read serves the cards of one change; a card caused by a later change reads again', async () => {
    let version = 5;
    let reads = 0;
    let t = 0;
    const store = createMemoryStore();
    const memo = new RenderMemo(
      async (id) => {
        reads++;
        return { _id: id, version } as ApplicationDoc;
      },
      store.people,
      {},
      () => t,
    );
    for (const who of ['cm', 'co', 'gm']) await memo.application('F17-1', card(`F17-1#5:${who}`, 'F17-1'));
    assert.equal(reads, 1, 'three cards about event 5: one read');
    version = 6;
    const later = await memo.application('F17-1', card('F17-1#6:cm', 'F17-1'));
    assert.equal(later!.version, 6, 'a card about event 6 is never drawn from version 5');
    assert.equal(reads, 2);
    t = 1001;
    await memo.application('F17-1', card('F17-1#6:co', 'F17-1'));
    assert.equal(reads, 3, 'a read older than a second is not reused');
    await memo.application('F17-1', card('notice-without-event', 'F17-1'));
    assert.equal(reads, 4, 'a message naming no event always reads afresh');
  });

  it('a role removed in the directory counts for cards drawn a quarter-second later', async () => {
    let t = 0;
    const store = createMemoryStore();
    await store.people.replaceAll([person('aad-1', 'Ana', [['general-manager-custodial', 'Site-A']])]);
    const memo = new RenderMemo(
      async () => null,
      store.people,
      {},
      () => t,
    );
    assert.equal((await memo.person('aad-1'))!.roles.length, 1);
    await store.people.removeRole('aad-1', { role: 'general-manager-custodial', site: 'Site-A' });
    t = 251;
    assert.equal((await memo.person('aad-1'))!.roles.length, 0);
  });
});
