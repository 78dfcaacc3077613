import { DELIVERY_METHODS, GROUND_KEYS, groundTitle } from '../services/policy/v01';
import type { Ground } from '../services/policy/v01';
import { choicesOf } from './common';
import type { Ask } from './kit';
import type { CardElement } from './types';

/**
 * Card pieces both V.01 processes draw (visitor applications in cards/v01, prohibition orders in
 * cards/prohibition): the visitor's identity as recorded, the V.01.03 grounds and delivery methods.
 * Neither process's cards import the other's.
 */

export const groundChoices = (only?: readonly Ground[]) =>
  GROUND_KEYS.filter((g) => !only || only.includes(g)).map((g) => ({ title: groundTitle(g), value: g }));
export const deliveryChoices = choicesOf(DELIVERY_METHODS);

/** The ids of `visitorInputs`, for a start-form step's field list. */
export const VISITOR_FIELDS = ['visitorName', 'visitorDob', 'visitorId', 'visitorAddress'] as const;

/** Name, date of birth, IOMS visitor id and address: what identifies a visitor (and matches an order). */
export function visitorInputs(ask: Ask, nameLabel = 'Full name'): CardElement[] {
  return [
    ...ask.text('visitorName', nameLabel, { required: true }),
    ...ask.date('visitorDob', 'Date of birth', { required: true }),
    ...ask.text('visitorId', 'IOMS visitor id (if the visitor has one)', { maxLength: 40 }),
    ...ask.text('visitorAddress', 'Last known address', { required: true, maxLength: 400 }),
  ];
}
