import { createHash } from 'node:crypto';
import type { AuditEvent } from '../workflow/domain';

/** The chain's anchor: the `prevHash` of every application's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys in a fixed order and dates as ISO strings, so a hash is reproducible anywhere. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Each event's hash covers every field of it and the hash of the event before it. */
export function hashEvent(event: Omit<AuditEvent, 'hash'>): string {
  const { applicationId, seq, type, actor, at, activityId, correlationId, payload, prevHash } = event;
  const body = canonicalJson({
    applicationId,
    seq,
    type,
    actor,
    at,
    activityId,
    correlationId,
    payload,
    prevHash,
  });
  return createHash('sha256').update(body).digest('hex');
}

export type ChainCheck = { ok: true; count: number } | { ok: false; seq: number; reason: string };

export function verifyChain(events: AuditEvent[]): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq)
      return { ok: false, seq: e.seq, reason: `expected event ${expectedSeq}, found ${e.seq}` };
    if (e.prevHash !== prev) return { ok: false, seq: e.seq, reason: 'does not link to the event before it' };
    if (hashEvent(e) !== e.hash)
      return { ok: false, seq: e.seq, reason: 'contents do not match its hash (edited)' };
    prev = e.hash;
    expectedSeq++;
  }
  return { ok: true, count: events.length };
}
