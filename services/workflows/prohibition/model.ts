import type { Role } from '../../directory/roles';
import type { Ground } from '../../policy/v01';
import type { DeliveryMethod } from '../../policy/v01';
import type { ApplicationDoc } from '../../workflow/domain';
import type { Stamp } from '../../workflow/stamp';
import { openReviewOf } from '../../workflow/reviews';
import type { ProhibitionRecord } from '../../workflow/records';
import { expiryPending, prohibitionEnds } from './expiry';
import type { ExpiryRecord } from './expiry';

/**
 * V.01.08–09: a visitor prohibition order and its reviews by the Chief Inspector of Corrections,
 * as recorded facts and what follows from them. Other processes read an order only as it is
 * published (`publishedOrder`, through the engine), never from this state.
 */

export const PROHIBITION_KIND = 'V01P' as const;

export type ProhibitionScope = 'prisoner' | 'prisoners' | 'prison';
export const SCOPE_LABELS: Record<ProhibitionScope, string> = {
  prisoner: 'One prisoner',
  prisoners: 'Several prisoners',
  prison: 'The whole prison (including car-parks and all prison property)',
};

export interface NamedPrisoner {
  id: string;
  name: string;
}

export interface OrderTerms {
  scope: ProhibitionScope;
  prisoners: NamedPrisoner[];
  expiresOn: string;
  reversed: boolean;
}

export type ReviewOutcome = 'confirm' | 'reverse' | 'modify' | 'refuse';

export interface ProhibitionReview {
  n: number;
  applicant: 'visitor' | 'guardian' | 'prisoner';
  applicantName: string;
  receivedOn: string;
  reasons: string;
  dueAt: string;
  recorded: Stamp;
  result?: Stamp & {
    outcome: ReviewOutcome;
    reasons: string;
    earlierReview?: string;
    terms: OrderTerms;
  };
}

export interface Order {
  site: string;
  visitor: { name: string; dateOfBirth: string; address: string; minor: boolean; visitorId?: string };
  guardian?: { name: string; address: string };
  grounds: Ground[];
  reasons: string;
  terms: OrderTerms;
  signed: Stamp;
  relatedApplicationId?: string;
}

export interface V01PState {
  order?: Order;
  notices: Record<string, Stamp & { method: DeliveryMethod }>;
  reviews: ProhibitionReview[];
  /** The scheduler's record that the current terms lapsed (V.01.08.5). */
  expired?: ExpiryRecord;
}

export function initialState(): V01PState {
  return { notices: {}, reviews: [] };
}

export const CHIEF_INSPECTOR: readonly Role[] = ['chief-inspector'];

/** The terms in force now: the order as signed, or as the latest completed review left it. */
export function currentTerms(s: V01PState): OrderTerms | undefined {
  if (!s.order) return undefined;
  const reviewed = [...s.reviews].reverse().find((r) => r.result && r.result.outcome !== 'refuse');
  return reviewed?.result ? reviewed.result.terms : s.order.terms;
}

/** In force from signing until the close of the expiry day (Pacific/Auckland), unless reversed on review. */
export function isProhibitionInForce(s: V01PState, now: Date): boolean {
  const terms = currentTerms(s);
  if (!s.order || !terms || terms.reversed) return false;
  return (
    now.getTime() >= new Date(s.order.signed.at).getTime() &&
    now.getTime() <= prohibitionEnds(terms.expiresOn).getTime()
  );
}

/** The order as other processes read it (V.01 applications, C.07 support people), while in force. */
export function publishedOrder(app: ApplicationDoc<V01PState>, now: Date): ProhibitionRecord | undefined {
  const o = app.state.order;
  const terms = currentTerms(app.state);
  if (!o || !terms || !isProhibitionInForce(app.state, now)) return undefined;
  const { name, dateOfBirth, visitorId } = o.visitor;
  const visitor = { name, dateOfBirth, ...(visitorId ? { visitorId } : {}) };
  const prisonerIds = terms.prisoners.map((p) => p.id);
  return {
    orderId: app._id,
    site: o.site,
    visitor,
    scope: terms.scope,
    prisonerIds,
    expiresOn: terms.expiresOn,
  };
}

/** Prisoners typed one per line as "ID Name" or "ID, Name". */
export function parsePrisoners(text: string | undefined): NamedPrisoner[] | undefined {
  if (!text) return [];
  const out: NamedPrisoner[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*[,\s–-]\s*(\S.*)$/.exec(line);
    if (!m?.[1] || !m[2]) return undefined;
    out.push({ id: m[1].toUpperCase(), name: m[2].trim() });
  }
  return out;
}

export interface OrderNotice {
  key: string;
  form: string;
  recipient: string;
}

/** The order to the visitor (or guardian), a copy to each prisoner named, IOMS, and each review's result. */
export function orderNotices(s: V01PState): OrderNotice[] {
  const o = s.order;
  if (!o) return [];
  const visitorTo = o.guardian
    ? `${o.guardian.name} (guardian of ${o.visitor.name}), ${o.guardian.address}`
    : `${o.visitor.name}, ${o.visitor.address}`;
  const out: OrderNotice[] = [
    { key: 'order-visitor', form: 'V.01.Form.01.13 Visitor Prohibition Order', recipient: visitorTo },
  ];
  for (const p of o.terms.prisoners)
    out.push({
      key: `order-prisoner-${p.id}`,
      form: 'Copy of the Visitor Prohibition Order',
      recipient: `${p.name} (${p.id})`,
    });
  out.push({ key: 'ioms', form: 'Status and outcome entered in IOMS (V.01.08.4)', recipient: 'IOMS' });
  for (const r of s.reviews) {
    if (!r.result) continue;
    const form = `Review ${r.n} result (Chief Inspector), in writing`;
    out.push({ key: `review-${r.n}-visitor`, form, recipient: visitorTo });
    const prisoners = currentTerms({ ...s, reviews: s.reviews.filter((x) => x.n < r.n) })?.prisoners ?? [];
    for (const p of prisoners)
      out.push({ key: `review-${r.n}-prisoner-${p.id}`, form, recipient: `${p.name} (${p.id})` });
  }
  return out;
}

export function pendingOrderNotices(s: V01PState): OrderNotice[] {
  return orderNotices(s).filter((n) => !s.notices[n.key]);
}

export function openReview(s: V01PState): ProhibitionReview | undefined {
  return openReviewOf(s.reviews);
}

export type V01PStage = 'notices' | 'review' | 'issued' | 'reversed' | 'expired';
export const ORDER_STAGE_LABELS: Record<V01PStage, string> = {
  notices: 'Signed: order to be given',
  review: 'Under review by the Chief Inspector',
  issued: 'Issued',
  reversed: 'Reversed on review',
  expired: 'Expired',
};

export function orderStage(s: V01PState): V01PStage {
  if (openReview(s)) return 'review';
  if (pendingOrderNotices(s).length > 0) return 'notices';
  const terms = currentTerms(s);
  if (terms?.reversed) return 'reversed';
  return terms && !expiryPending(terms, s.expired) ? 'expired' : 'issued';
}

/** Open while the order is in force and its lapse is still to be recorded: the scheduler finds it by its timer. */
export function isClosed(s: V01PState): boolean {
  return !openReview(s) && pendingOrderNotices(s).length === 0 && !expiryPending(currentTerms(s), s.expired);
}
