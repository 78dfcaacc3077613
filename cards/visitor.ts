import type { FieldError } from '../services/errors';
import { DELIVERY_METHODS, GROUND_KEYS, groundTitle } from '../services/policy/v01';
import type { Ground } from '../services/policy/v01';
import { choicesOf } from './common';
import { dateInput, textInput } from './kit';
import type { CardElement } from './types';

/**
 * Card pieces both V.01 processes draw (visitor applications in cards/v01, prohibition orders in
 * cards/prohibition): the visitor's identity as recorded, the V.01.03 grounds and delivery methods.
 * Neither process's cards import the other's.
 */

export const groundChoices = (only?: readonly Ground[]) =>
  GROUND_KEYS.filter((g) => !only || only.includes(g)).map((g) => ({ title: groundTitle(g), value: g }));
export const deliveryChoices = choicesOf(DELIVERY_METHODS);

/** Name, date of birth, IOMS visitor id and address: what identifies a visitor (and matches an order). */
export function visitorInputs(
  v: (id: string) => string | undefined,
  errors: FieldError[] | undefined,
  nameLabel = 'Full name',
): CardElement[] {
  return [
    ...textInput({ id: 'visitorName', label: nameLabel, value: v('visitorName'), required: true, errors }),
    ...dateInput({
      id: 'visitorDob',
      label: 'Date of birth',
      value: v('visitorDob'),
      required: true,
      errors,
    }),
    ...textInput({
      id: 'visitorId',
      label: 'IOMS visitor id (if the visitor has one)',
      value: v('visitorId'),
      errors,
      maxLength: 40,
    }),
    ...textInput({
      id: 'visitorAddress',
      label: 'Last known address',
      value: v('visitorAddress'),
      required: true,
      errors,
      maxLength: 400,
    }),
  ];
}
