import { card, heading, notice, text } from '../kit';
import type { AdaptiveCard } from '../types';

/** For a missing id and for an id the viewer may not see: the two must be indistinguishable. */
export function notFoundCard(id: string): AdaptiveCard {
  return card([
    ...heading('Not found'),
    text(`There is no application ${id} that you can see. Check the id, or ask the case manager.`),
  ]);
}

export function notInDirectoryCard(): AdaptiveCard {
  return card([
    ...heading('You are not in the Tautoko staff directory'),
    text('Ask a Tautoko admin to add you with your site and role. Until then you can use `help` only.'),
  ]);
}

/** A short, kind message with a reference id for the support team; never the error itself. */
export function errorCard(reference: string): AdaptiveCard {
  return card([
    ...heading('Something went wrong'),
    text(
      'Nothing you entered was lost on our side, but this action may not have completed. Please try again.',
    ),
    text(`If it keeps happening, give the support team this reference: ${reference}`, { subtle: true }),
  ]);
}

export function infoCard(
  title: string,
  lines: string[],
  tone: 'good' | 'warning' | 'attention' | 'default' = 'default',
): AdaptiveCard {
  const [first, ...rest] = lines;
  return card([
    ...heading(title),
    ...notice(first ? { text: first, tone } : undefined),
    ...rest.map((l) => text(l)),
  ]);
}
