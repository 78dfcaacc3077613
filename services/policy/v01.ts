import type { Role } from '../directory/roles';
import { formatNz, nzDeadline, nzLocalToUtc } from '../time';
import { enumOf, multi } from '../validation';
import { invalid } from '../workflow/guards';

/**
 * The vocabulary of policy V.01 that both of its processes use: visitor applications
 * (services/workflows/v01) and visitor prohibition orders (services/workflows/prohibition). The
 * policy defines these words once (the V.01.03 grounds an order or a decline rests on, who the
 * designated staff and deciding managers are, the 21 days a review has), so they live once, here,
 * outside both processes: neither process imports the other, and both import this. It holds no
 * state and no process logic.
 */

/** V.01.03 grounds. Keys are stable; labels are what staff pick from; `notice` is the wording a visitor reads. */
export const GROUNDS = {
  'purpose-not-relationship': {
    para: 'V.01.03.2',
    label: 'The visit is not likely to maintain family and social relationships that support reintegration',
    notice:
      'the purpose of the visit is not likely to maintain the prisoner’s family and social relationships in a way that supports their reintegration on release',
  },
  'information-omitted': {
    para: 'V.01.03.3.1',
    label: 'Failed or refused to provide information (reg 106A/106B)',
    notice:
      'information required under regulations 106A or 106B of the Corrections Regulations 2005 was not provided',
  },
  'information-false': {
    para: 'V.01.03.3.2',
    label: 'Information provided is reasonably believed to be false',
    notice: 'information provided with the application is reasonably believed to be false',
  },
  'authority-refused': {
    para: 'V.01.03.3.3',
    label: 'Refused authority to access official records for checks',
    notice: 'authority to check the information given against official records was not provided',
  },
  'guardian-no-consent': {
    para: 'V.01.03.3.4',
    label: 'The child’s guardian does not consent to the visit',
    notice: 'the child’s guardian has not consented to the visit',
  },
  'security-good-order': {
    para: 'V.01.03.5.1',
    label: 'Likely to adversely affect the security, discipline or good order of the prison',
    notice: 'a visit is likely to adversely affect the security, discipline or good order of the prison',
  },
  'prisoner-welfare': {
    para: 'V.01.03.5.2',
    label: 'Likely to adversely affect the prisoner’s welfare, rehabilitation or safety',
    notice:
      'a visit is likely to adversely affect the welfare, chances of successful rehabilitation, or safety of the prisoner',
  },
  'person-safety': {
    para: 'V.01.03.5.3',
    label:
      'Likely to adversely affect the welfare or safety of any person in the prison, including the visitor',
    notice:
      'a visit is likely to adversely affect the welfare or safety of a person in the prison, including the visitor',
  },
  'prohibited-elsewhere': {
    para: 'V.01.03.6',
    label: 'Currently prohibited from visiting another prison',
    notice: 'the visitor is currently prohibited from visiting another prison',
  },
} as const;
export type Ground = keyof typeof GROUNDS;
export const GROUND_KEYS = Object.keys(GROUNDS) as Ground[];
/** Grounds that support a prohibition order (V.01.08.1 refers to V.01.03.5). */
export const PROHIBITION_GROUNDS: readonly Ground[] = [
  'security-good-order',
  'prisoner-welfare',
  'person-safety',
];

/** A ground as staff pick it: its label and its paragraph. */
export function groundTitle(g: Ground): string {
  return `${GROUNDS[g].label} (${GROUNDS[g].para})`;
}

export const groundsSchema = multi(GROUND_KEYS as unknown as [Ground, ...Ground[]]);

/** How a letter, notice or copy was given to the person it is for. */
export type DeliveryMethod = 'by-hand' | 'post' | 'secure-email' | 'email' | 'recorded';
export const DELIVERY_METHODS: Record<DeliveryMethod, string> = {
  'by-hand': 'Given by hand',
  post: 'Posted to the last known address',
  'secure-email': 'Sent by secure email (SEEmail)',
  email: 'Emailed',
  recorded: 'Entered in IOMS / recorded',
};
export const deliverySchema = enumOf(
  ['by-hand', 'post', 'secure-email', 'email'] as const,
  'Choose how it was given',
);

/** Staff who process visitor applications at a site ("designated staff" in V.01.02). */
export const DESIGNATED_STAFF: readonly Role[] = [
  'entry-staff',
  'principal-corrections-officer',
  'reception-movements-manager',
  'general-manager-custodial',
];
/** Who decides an application (V.01.03) and signs a prohibition order (V.01.08). */
export const MANAGER_DECIDERS: readonly Role[] = ['reception-movements-manager', 'general-manager-custodial'];

/** Under 18 on `onNzDate` (YYYY-MM-DD, New Zealand). A 29 February birthday counts from 1 March, keeping the child protections longer. */
export function isMinorOn(dateOfBirth: string, onNzDate: string): boolean {
  const [y, rest] = [Number(dateOfBirth.slice(0, 4)), dateOfBirth.slice(4)];
  return onNzDate < `${String(y + 18).padStart(4, '0')}${rest}`;
}

/**
 * The 21 days a review has, counted from the NZ day the request was received: the Director
 * Office of the Commissioner Custodial Services for a decision (V.01.07.6), the Chief Inspector
 * of Corrections for a prohibition order (V.01.09.4).
 */
export const REVIEW_DAYS = 21;

export function reviewDeadline(receivedOn: string): Date {
  // Noon NZ on the day received always exists (no daylight-saving gap at noon).
  const received = nzLocalToUtc(receivedOn, '12:00');
  if (!received) throw invalid('receivedOn', 'Enter a date');
  return nzDeadline(received, REVIEW_DAYS);
}

/** A YYYY-MM-DD day as a letter writes it. */
export function letterDay(d: string): string {
  const at = nzLocalToUtc(d, '12:00');
  return at ? formatNz(at, false) : d;
}

export function bullets(lines: string[]): string {
  return lines.map((l) => `- ${l}`).join('\n');
}
