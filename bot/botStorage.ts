import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { DomainError } from '../services/errors';
import type { StateRepository } from '../services/store/types';

/**
 * botbuilder's `Storage` (conversation and dialog state) over the store, so state lives in the
 * database and any instance can take the next turn. Concurrency works as in botbuilder's own
 * storages: each write gets a new eTag; a write carrying an eTag succeeds only while the stored item
 * still has it; '*' or no eTag overwrites. Items are kept as JSON, as the Bot Framework's own
 * storages do, so their keys never meet the database's rules on field names.
 */
export class StoreBotStorage implements Storage {
  constructor(private readonly repo: StateRepository) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    for (const doc of await this.repo.read(keys)) {
      const item = JSON.parse(doc.data) as StoreItem;
      items[doc._id] = { ...item, eTag: doc.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, value] of Object.entries(changes)) {
      const { eTag, ...item } = (value ?? {}) as StoreItem;
      const expected = typeof eTag === 'string' && eTag !== '' ? eTag : undefined;
      const ok = await this.repo.write(key, JSON.stringify(item), randomUUID(), expected);
      if (!ok) {
        throw new DomainError('CONFLICT', 'This conversation changed in another window. Please try again.', {
          key,
          reason: 'eTag conflict',
        });
      }
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.repo.delete(keys);
  }
}
