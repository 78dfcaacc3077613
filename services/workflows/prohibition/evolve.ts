import { defineEvents } from '../../workflow/events';
import type { DeliveryMethod } from '../../policy/v01';
import type { AuditEvent } from '../../workflow/domain';
import { payloadOf } from '../../workflow/guards';
import { stampOf } from '../../workflow/stamp';
import type { Stamp } from '../../workflow/stamp';
import type { AppliedEvent } from '../../workflow/types';
import { EXPIRED_EVENT } from './expiry';
import type { Order, ProhibitionReview, V01PState } from './model';

/**
 * Event types (`EV.x` is 'v01p.x', as written to the audit trail: never rename a key) and how
 * each reads in a timeline.
 */
const events = defineEvents('v01p', {
  issued: 'Order signed and issued',
  noticeGiven: 'Order or letter given',
  reviewRequested: 'Review applied for',
  reviewDecided: 'Chief Inspector’s review recorded',
});
/** The lapse of an order, recorded by the scheduler's sweep (./expiry), has no label of its own. */
export const EV = { ...events.EV, expired: EXPIRED_EVENT } as const;
export const EVENT_LABELS = events.EVENT_LABELS;

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
