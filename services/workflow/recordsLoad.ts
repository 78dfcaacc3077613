import type { ApplicationRepository } from '../store/types';
import type { ApplicationDoc } from '../workflow/domain';
import { NO_RECORDS, recordsOver } from './records';
import type { ProcessRecords, ProhibitionRecord, RestrictionRecord } from './records';
import type { AnyWorkflow } from './types';

/** Prohibition orders read per decision; far more than a department issues in force at once. */
const MAX_ORDERS = 5000;

/**
 * The read interface over other processes' records, for a process that reads them: every published
 * prohibition order in force at `now`, and the contact restrictions recorded for `prisonerId` (read
 * by prisoner, not in bulk).
 */
export async function loadRecords(
  applications: Pick<ApplicationRepository, 'findByKind' | 'findByPrisoner'>,
  processes: readonly AnyWorkflow[],
  def: AnyWorkflow,
  now: Date,
  prisonerId?: string,
): Promise<ProcessRecords> {
  if (!def.reads) return NO_RECORDS;
  const orders: ProhibitionRecord[] = [];
  for (const publisher of processes) {
    const publish = publisher.publishes?.prohibitionOrder;
    if (!publish) continue;
    for (const doc of await applications.findByKind(publisher.kind, MAX_ORDERS)) {
      const order = publish(doc, now);
      if (order) orders.push(order);
    }
  }
  const restrictions: RestrictionRecord[] = [];
  if (prisonerId && processes.some((p) => p.publishes?.restrictions)) {
    for (const doc of await applications.findByPrisoner(prisonerId, MAX_ORDERS)) {
      const publish = processes.find((p) => p.kind === doc.kind)?.publishes?.restrictions;
      if (publish) restrictions.push(...publish(doc));
    }
  }
  return recordsOver(orders, restrictions);
}

/** The application with what other processes' records say about its people (never stored). */
export function withRelated(def: AnyWorkflow, doc: ApplicationDoc, records: ProcessRecords): ApplicationDoc {
  if (!def.reads) return doc;
  const people = def.reads.people(doc);
  return {
    ...doc,
    related: {
      prohibitionOrders: records.prohibitionOrdersFor(people),
      restrictions: records.restrictionsFor(people, doc.prisonerId),
    },
  };
}
