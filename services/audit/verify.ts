import type { Store } from '../store/types';
import { verifyChain } from './hashChain';

export interface BrokenChain {
  applicationId: string;
  seq: number;
  reason: string;
}

export interface AuditReport {
  applications: number;
  events: number;
  broken: BrokenChain[];
}

/**
 * Checks every application's audit trail: each chain must link and hash correctly from the first
 * event, and must reach the event the application's snapshot last recorded, so an edited, reordered
 * or truncated trail is reported. A snapshot may lag behind its trail (a writer that stopped between
 * the two writes is repaired on the next load), so only a trail shorter than the snapshot is a break.
 */
export async function verifyAudit(store: Pick<Store, 'events' | 'applications'>): Promise<AuditReport> {
  const report: AuditReport = { applications: 0, events: 0, broken: [] };
  for (const applicationId of await store.events.applicationIds()) {
    report.applications++;
    const events = await store.events.list(applicationId);
    report.events += events.length;
    const check = verifyChain(events);
    if (!check.ok) {
      report.broken.push({ applicationId, seq: check.seq, reason: check.reason });
      continue;
    }
    const app = await store.applications.get(applicationId);
    if (!app || app.version === 0) continue;
    const recorded = events[app.version - 1];
    if (!recorded) {
      report.broken.push({
        applicationId,
        seq: events.length + 1,
        reason: `the application records ${app.version} events but only ${events.length} exist (truncated)`,
      });
    } else if (recorded.hash !== app.lastHash) {
      report.broken.push({
        applicationId,
        seq: app.version,
        reason: 'does not match the application record (replaced)',
      });
    }
  }
  return report;
}
