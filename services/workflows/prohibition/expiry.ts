import { z } from 'zod';
import type { Task } from '../../workflow/domain';
import { endOfNzDay, formatNz } from '../../time';
import type { DecideContext, NewEvent, Notification } from '../../workflow/types';
import { isSystemActor } from '../../workflow/system';
import { DomainError } from '../../errors';
import { alreadyDone, wrongStage } from '../../workflow/guards';
import type { Stamp } from '../../workflow/stamp';

/**
 * V.01.08.5–6: an order is in force "from when the order is signed until the close of the day of
 * its expiry"; then the visitor may reapply. Whether an order is in force is always computed from
 * the time (isProhibitionInForce), so nothing depends on this record being written on time; the
 * record is the audit trail's note that the order lapsed, and it tells the reception/movements
 * manager. Only the scheduler (the system actor) records it, and only once the day has closed.
 */
export const RECORD_EXPIRY = 'v01p.recordExpiry';
export const EXPIRED_EVENT = 'v01p.expired';

export const recordExpirySchema = z.object({ type: z.literal(RECORD_EXPIRY) });

export interface ExpiryRecord extends Stamp {
  expiresOn: string;
}

interface TermsLike {
  expiresOn: string;
  reversed: boolean;
}

/** The close of the expiry day in New Zealand: the last instant the order is in force (V.01.08.5). */
export function prohibitionEnds(expiresOn: string): Date {
  const end = endOfNzDay(expiresOn);
  if (!end) throw new Error(`invalid expiry date ${expiresOn}`);
  return end;
}

/** Whether the lapse of the current terms is still to be recorded. */
export function expiryPending(terms: TermsLike | undefined, expired: ExpiryRecord | undefined): boolean {
  return !!terms && !terms.reversed && expired?.expiresOn !== terms.expiresOn;
}

/** The scheduler's timer: at the close of the expiry day, record that the order expired. */
export function expiryTimer(
  app: { _id: string; site: string; title: string },
  terms: TermsLike | undefined,
  expired: ExpiryRecord | undefined,
): Task[] {
  if (!terms || !expiryPending(terms, expired)) return [];
  return [
    {
      key: `v01p.expiry.${terms.expiresOn}`,
      label: `The prohibition order expires at the close of ${terms.expiresOn}: ${app.title}`,
      roles: [],
      site: app.site,
      dueAt: prohibitionEnds(terms.expiresOn),
      term: 'timer',
      timer: { command: RECORD_EXPIRY },
    },
  ];
}

export function decideExpiry(
  terms: TermsLike | undefined,
  expired: ExpiryRecord | undefined,
  ctx: DecideContext,
): NewEvent[] {
  if (!isSystemActor(ctx.actor))
    throw new DomainError(
      'FORBIDDEN',
      'An order’s expiry is recorded by Tautoko itself at the close of its day.',
    );
  if (!terms) wrongStage('This order has no terms recorded.');
  if (expired && expired.expiresOn === terms.expiresOn)
    alreadyDone('The order’s expiry was already recorded', expired);
  if (terms.reversed) wrongStage('The order was reversed on review; it does not expire.');
  if (ctx.now.getTime() <= prohibitionEnds(terms.expiresOn).getTime())
    wrongStage(`The order is in force until the close of ${terms.expiresOn}.`);
  return [{ type: EXPIRED_EVENT, payload: { expiresOn: terms.expiresOn } }];
}

export function expiryNotification(
  app: { _id: string; site: string },
  visitorName: string,
  expiresOn: string,
): Notification {
  return {
    key: 'expired',
    target: { kind: 'role', roles: ['reception-movements-manager'], site: app.site },
    text:
      `${app._id}: the prohibition order against ${visitorName} expired at the close of ` +
      `${formatNz(prohibitionEnds(expiresOn), false)}. The visitor may reapply for approval to visit (V.01.08.6).`,
    cardRef: { name: 'v01p.order', applicationId: app._id },
  };
}
