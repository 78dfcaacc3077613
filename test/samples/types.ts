import type { AdaptiveCard } from '../../cards/types';

/** One example card for the gallery and the card tests (test/samples/index.ts lists them all). */
export interface CardSample {
  /** Unique, and safe as a file name: lower case letters, digits, dots and hyphens (e.g. "f17.decision.approver"). */
  name: string;
  /** One line for the gallery: which card, in which state, seen by whom. */
  description: string;
  card: AdaptiveCard;
}
