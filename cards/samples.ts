import type { AdaptiveCard } from './types';
import { genericSamples } from './generic-samples';
import { c07Samples } from './c07/samples';
import { f17Samples } from './f17/samples';
import { v01Samples } from './v01/samples';

/**
 * Every card the bot can send, drawn from fixed example data: each state of each process and each
 * viewer (the person who must act, someone else, a stakeholder). The card gallery
 * (`npm run cards:gallery`) renders them to docs/cards/, and test/cards-render.test.ts checks each
 * against the Adaptive Card schema, the real renderer and Teams' limits.
 */
export interface CardSample {
  /** Unique, and safe as a file name: lower case letters, digits, dots and hyphens (e.g. "f17.decision.approver"). */
  name: string;
  /** One line for the gallery: which card, in which state, seen by whom. */
  description: string;
  card: AdaptiveCard;
}

export const cardSamples: CardSample[] = [...genericSamples, ...c07Samples, ...f17Samples, ...v01Samples];
