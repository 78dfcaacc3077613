import type { DeliveryMethod } from '../../policy/v01';
import type { AuditEvent } from '../../workflow/domain';
import { payloadOf } from '../../workflow/guards';
import { stampOf } from '../../workflow/stamp';
import type { Stamp } from '../../workflow/stamp';
import type { AppliedEvent } from '../../workflow/types';
import { EXPIRED_EVENT } from './expiry';
import type { Order, ProhibitionReview, V01PState } from './model';

/** Event types, as written to the audit trail (stored: never rename). */
export const EV = {
  issued: 'v01p.issued',
  noticeGiven: 'v01p.noticeGiven',
  reviewRequested: 'v01p.reviewRequested',
  reviewDecided: 'v01p.reviewDecided',
  expired: EXPIRED_EVENT,
} as const;

/** How each event reads in a timeline. */
export const EVENT_LABELS: Record<string, string> = {
  [EV.issued]: 'Order signed and issued',
  [EV.noticeGiven]: 'Order or letter given',
  [EV.reviewRequested]: 'Review applied for',
  [EV.reviewDecided]: 'Chief Inspector’s review recorded',
};

/** Event detail that is safe in a timeline: outcomes and notice keys, never reasons. */
export function eventDetail(e: AuditEvent): string {
  if (e.type === EV.reviewDecided) return `: ${String(e.payload['outcome'])}`;
  if (e.type === EV.noticeGiven) return `: ${String(e.payload['notice'])}`;
  return '';
}

export function evolve(s: V01PState, e: AppliedEvent): V01PState {
  const st = stampOf(e);
  switch (e.type) {
    case EV.issued:
      return { ...s, order: { ...payloadOf<Omit<Order, 'signed'>>(e), signed: st } };
    case EV.noticeGiven: {
      const p = payloadOf<{ notice: string; method: DeliveryMethod }>(e);
      return { ...s, notices: { ...s.notices, [p.notice]: { ...st, method: p.method } } };
    }
    case EV.expired:
      return { ...s, expired: { ...st, expiresOn: String(e.payload.expiresOn) } };
    case EV.reviewRequested:
      return {
        ...s,
        reviews: [...s.reviews, { ...payloadOf<Omit<ProhibitionReview, 'recorded'>>(e), recorded: st }],
      };
    case EV.reviewDecided: {
      const { n, ...result } = payloadOf<
        { n: number } & Omit<NonNullable<ProhibitionReview['result']>, keyof Stamp>
      >(e);
      return {
        ...s,
        reviews: s.reviews.map((r) => (r.n === n ? { ...r, result: { ...st, ...result } } : r)),
      };
    }
    default:
      return s;
  }
}
