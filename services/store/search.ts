import type { Filter } from 'mongodb';
import type { ApplicationSearch } from './types';
import type { ApplicationDoc } from '../workflow/domain';

export type { ApplicationSearch, SearchPage } from './types';

/** The same search as a MongoDB filter (only operators FerretDB 1.24 shares: $and, $or, $in, $regex, dotted array paths). */
export function mongoFilterOf(q: ApplicationSearch): Filter<ApplicationDoc> {
  const and: Array<Filter<ApplicationDoc>> = [];
  if (!q.scope.allSites) {
    and.push({ $or: [{ participants: q.scope.participant }, { site: { $in: q.scope.sites } }] });
  }
  if (q.kind) and.push({ kind: q.kind });
  if (q.stage) and.push({ stage: { $regex: escapeRegex(q.stage), $options: 'i' } });
  if (q.site) and.push({ site: q.site });
  if (q.state === 'open') and.push({ closed: false });
  if (q.state === 'closed') and.push({ closed: true });
  if (q.state === 'overdue') and.push({ closed: false, 'openTasks.dueAt': { $lt: q.now } });
  if (q.text) {
    const pattern = escapeRegex(q.text);
    and.push({
      $or: [
        { _id: { $regex: pattern, $options: 'i' } },
        { prisonerId: { $regex: pattern, $options: 'i' } },
        { prisonerName: { $regex: pattern, $options: 'i' } },
      ],
    });
  }
  return and.length ? { $and: and } : {};
}

/** The in-memory twin of `mongoFilterOf`; the store contract suite holds the two to the same answers. */
export function matchesSearch(d: ApplicationDoc, q: ApplicationSearch): boolean {
  if (!q.scope.allSites && !d.participants.includes(q.scope.participant) && !q.scope.sites.includes(d.site))
    return false;
  if (q.kind && d.kind !== q.kind) return false;
  if (q.stage && !d.stage.toLowerCase().includes(q.stage.toLowerCase())) return false;
  if (q.site && d.site !== q.site) return false;
  if (q.state === 'open' && d.closed) return false;
  if (q.state === 'closed' && !d.closed) return false;
  if (q.state === 'overdue' && (d.closed || !isOverdue(d, q.now))) return false;
  if (q.text) {
    const t = q.text.toLowerCase();
    if (![d._id, d.prisonerId, d.prisonerName].some((v) => v.toLowerCase().includes(t))) return false;
  }
  return true;
}

export function isOverdue(d: Pick<ApplicationDoc, 'openTasks'>, now: Date): boolean {
  return d.openTasks.some((t) => t.dueAt !== undefined && t.dueAt.getTime() < now.getTime());
}

/** Newest first; ties by id, the later first, so pages never overlap. */
export function compareForList(a: ApplicationDoc, b: ApplicationDoc): number {
  return b.updatedAt.getTime() - a.updatedAt.getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
