import type { FieldError } from '../services/errors';
import { textInput } from './kit';
import type { CardElement } from './types';

/** Inputs several start forms share, drawn the same way wherever they appear. */

export function siteInput(
  label: string,
  value: string | undefined,
  errors: FieldError[] | undefined,
): CardElement[] {
  return textInput({ id: 'site', label, value, required: true, errors, maxLength: 60 });
}

/** The prisoner's PRN and name. */
export function prisonerInputs(
  v: (id: string) => string | undefined,
  errors: FieldError[] | undefined,
  labels: { prn: string; name: string; prnMax: number },
): CardElement[] {
  return [
    ...textInput({
      id: 'prisonerId',
      label: labels.prn,
      value: v('prisonerId'),
      required: true,
      errors,
      maxLength: labels.prnMax,
    }),
    ...textInput({
      id: 'prisonerName',
      label: labels.name,
      value: v('prisonerName'),
      required: true,
      errors,
    }),
  ];
}
