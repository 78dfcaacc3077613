import { DESIGNATED_STAFF } from '../../policy/v01';
import type { ApplicationDoc, Task } from '../../workflow/domain';
import { expiryTimer } from './expiry';
import { CHIEF_INSPECTOR, currentTerms, openReview, pendingOrderNotices } from './model';
import type { V01PState } from './model';

/** The Chief Inspector's open review, the copies still to give, and the expiry timer. */
export function tasks(app: Omit<ApplicationDoc<V01PState>, 'openTasks' | 'taskKeys'>): Task[] {
  const s = app.state;
  const out: Task[] = [];
  const r = openReview(s);
  if (r) {
    out.push({
      key: `v01p.review.${r.n}`,
      label: `Review the prohibition order: ${app.title}`,
      roles: [...CHIEF_INSPECTOR],
      site: '*',
      dueAt: new Date(r.dueAt),
      term: 'policy',
      card: 'v01p.review',
    });
  }
  if (pendingOrderNotices(s).length > 0) {
    out.push({
      key: 'v01p.notices',
      label: `Give the prohibition order and copies: ${app.title}`,
      roles: [...DESIGNATED_STAFF],
      site: app.site,
      card: 'v01p.order',
      term: 'followUp',
    });
  }
  out.push(...expiryTimer(app, currentTerms(s), s.expired));
  return out;
}
