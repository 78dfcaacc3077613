import { DomainError } from '../../errors';
import type { ApplicationDoc } from '../../workflow/domain';
import { endOfNzDay, formatNz } from '../../time';
import type {
  PersonIdentity,
  ProcessRecords,
  ProhibitionRecord,
  RestrictionRecord,
} from '../../workflow/records';
import { currentRestriction } from './model';
import type { OrderEffect, OrderFinding, V01State } from './model';

/**
 * V.01.09.8 and V.01.03.6 on a visitor application: prohibition orders issued by the prohibition
 * process, read through the engine (never by importing that process). An order in force that names
 * this prisoner, or covers this prison, prevents the visit: the application may be declined or wait,
 * never approved. An order at another prison is a flag the decider may act on (V.01.03.6, V.01.08.7).
 */

type Where = Pick<ApplicationDoc, 'site' | 'prisonerId'>;

/** The visitor as recorded on the application: name, date of birth and any IOMS visitor id. */
export function visitorIdentity(s: Pick<V01State, 'nomination'>): PersonIdentity[] {
  const v = s.nomination?.visitor;
  if (!v) return [];
  return [{ name: v.name, dateOfBirth: v.dateOfBirth, ...(v.visitorId ? { visitorId: v.visitorId } : {}) }];
}

/**
 * The contact restriction this application records between its prisoner and the visitor (V.01.01.3–4),
 * published for other processes (a C.07 hui checks its support people against it).
 */
export function publishedRestrictions(app: ApplicationDoc<V01State>): RestrictionRecord[] {
  const restriction = currentRestriction(app.state);
  const v = app.state.nomination?.visitor;
  if (!v || restriction === 'none') return [];
  const about = {
    name: v.name,
    dateOfBirth: v.dateOfBirth,
    ...(v.visitorId ? { visitorId: v.visitorId } : {}),
  };
  return [{ applicationId: app._id, site: app.site, prisonerId: app.prisonerId, about, restriction }];
}

export function orderEffect(order: ProhibitionRecord, app: Where): OrderEffect {
  const named = order.prisonerIds.some((id) => id.toUpperCase() === app.prisonerId.toUpperCase());
  if (named || (order.scope === 'prison' && order.site === app.site)) return 'blocks';
  return order.site === app.site ? 'other-prisoners' : 'elsewhere';
}

/** Orders in force against this visitor, with what each means for this application. */
export function findingsFrom(orders: readonly ProhibitionRecord[], app: Where): OrderFinding[] {
  return orders.map((o) => ({
    orderId: o.orderId,
    site: o.site,
    expiresOn: o.expiresOn,
    scope: o.scope,
    effect: orderEffect(o, app),
  }));
}

export function checkOrders(records: ProcessRecords, app: ApplicationDoc<V01State>): OrderFinding[] {
  return findingsFrom(records.prohibitionOrdersFor(visitorIdentity(app.state)), app);
}

/** What `engine.load` found for the cards (the same check the decision makes). */
export function relatedFindings(app: ApplicationDoc<V01State>): OrderFinding[] {
  return findingsFrom(app.related?.prohibitionOrders ?? [], app);
}

const until = (expiresOn: string) => {
  const end = endOfNzDay(expiresOn);
  return end ? formatNz(end) : expiresOn;
};

export function findingText(f: OrderFinding): string {
  const order = `Prohibition order ${f.orderId} (${f.site}), in force until ${until(f.expiresOn)}`;
  if (f.effect === 'blocks')
    return `${order}, prevents this visit (V.01.09.8): the application can be declined or wait until the order ends; it cannot be approved.`;
  if (f.effect === 'elsewhere')
    return `${order}: the visitor is prohibited at another prison and may be excluded here (V.01.03.6, V.01.08.7).`;
  return `${order}: the visitor is prohibited from visiting other prisoners at this prison.`;
}

/** Refuses an approval (a decision, or a review that reverses or modifies) while an order prevents the visit. */
export function requireNotProhibited(findings: readonly OrderFinding[]): void {
  const blocking = findings.filter((f) => f.effect === 'blocks');
  if (blocking.length === 0) return;
  throw new DomainError('WRONG_STAGE', blocking.map(findingText).join(' '), {
    prohibitionOrders: blocking.map((f) => f.orderId),
  });
}

/** One line for a notification to the decider; empty when there is nothing to flag. */
export function findingsNote(findings: readonly OrderFinding[]): string {
  const blocking = findings.filter((f) => f.effect === 'blocks');
  if (blocking.length)
    return ` BLOCKED: prohibition order ${blocking.map((f) => f.orderId).join(', ')} prevents this visit; it can only be declined or wait.`;
  const elsewhere = findings.filter((f) => f.effect === 'elsewhere');
  return elsewhere.length
    ? ` FLAG: the visitor is prohibited at ${elsewhere.map((f) => `${f.site} (${f.orderId})`).join(', ')} (V.01.03.6).`
    : '';
}
