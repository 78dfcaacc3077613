import type { Actor } from '../services/directory/person';
import type { Role } from '../services/directory/roles';
import type { Ask } from './kit';
import type { CardElement } from './types';

/** Inputs several start forms share, drawn the same way wherever they appear. */

/** The viewer's own site for one of `roles` (not national office): where a start form's site begins. */
export function ownSite(viewer: Actor, roles: readonly Role[]): string | undefined {
  return viewer.roles.find((g) => roles.includes(g.role) && g.site !== '*')?.site;
}

/** The site, kept from the answers or else `fallback` (e.g. the viewer's own site). */
export function siteInput(ask: Ask, label: string, fallback?: string): CardElement[] {
  return ask.text('site', label, { value: ask.kept('site') ?? fallback, required: true, maxLength: 60 });
}

/** The prisoner's PRN and name. */
export function prisonerInputs(
  ask: Ask,
  labels: { prn: string; name: string; prnMax: number },
): CardElement[] {
  return [
    ...ask.text('prisonerId', labels.prn, { required: true, maxLength: labels.prnMax }),
    ...ask.text('prisonerName', labels.name, { required: true }),
  ];
}
