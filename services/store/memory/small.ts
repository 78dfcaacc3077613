import type { ClaimRepository, CounterRepository, LeaseRepository } from '../types';

/** The in-memory counters, claims and leases (the small repositories, as in ../mongo/small.ts). */

export class MemoryCounters implements CounterRepository {
  private readonly values = new Map<string, number>();
  async next(name: string): Promise<number> {
    const n = (this.values.get(name) ?? 0) + 1;
    this.values.set(name, n);
    return n;
  }
}

export class MemoryClaims implements ClaimRepository {
  private readonly claims = new Map<string, string>();
  async claim(key: string, holder: string): Promise<{ ok: true } | { ok: false; holder: string }> {
    const cur = this.claims.get(key);
    if (cur !== undefined && cur !== holder) return { ok: false, holder: cur };
    this.claims.set(key, holder);
    return { ok: true };
  }
  async release(key: string, holder: string): Promise<void> {
    if (this.claims.get(key) === holder) this.claims.delete(key);
  }
}

export class MemoryLeases implements LeaseRepository {
  private readonly leases = new Map<string, { owner: string; until: Date }>();
  async acquire(name: string, owner: string, now: Date, until: Date): Promise<boolean> {
    const cur = this.leases.get(name);
    if (cur && cur.owner !== owner && cur.until.getTime() > now.getTime()) return false;
    this.leases.set(name, { owner, until });
    return true;
  }
  async release(name: string, owner: string): Promise<void> {
    if (this.leases.get(name)?.owner === owner) this.leases.delete(name);
  }
}
