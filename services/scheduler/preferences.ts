import { randomUUID } from 'node:crypto';
import type { StateRepository } from '../store/types';

/**
 * A person's opt-out of the daily digest (`digest off` / `digest on`). Kept in the small
 * key/value state collection the bot's conversation state uses, under keys of their own.
 */
export class DigestPreferences {
  constructor(private readonly state: StateRepository) {}

  private key(aadObjectId: string): string {
    return `tautoko/digest-off/${aadObjectId}`;
  }

  async set(aadObjectId: string, on: boolean, at: Date): Promise<void> {
    if (on) await this.state.delete([this.key(aadObjectId)]);
    else
      await this.state.write(
        this.key(aadObjectId),
        JSON.stringify({ at: at.toISOString() }),
        randomUUID(),
        '*',
      );
  }

  async isOff(aadObjectId: string): Promise<boolean> {
    return (await this.offAmong([aadObjectId])).has(aadObjectId);
  }

  /** Of these people, those who turned the digest off: one read for all of them. */
  async offAmong(aadObjectIds: string[]): Promise<Set<string>> {
    if (aadObjectIds.length === 0) return new Set();
    const docs = await this.state.read(aadObjectIds.map((id) => this.key(id)));
    const prefix = this.key('');
    return new Set(docs.map((d) => d._id.slice(prefix.length)));
  }
}
