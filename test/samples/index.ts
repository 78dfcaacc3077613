import type { CardSample } from './types';
import { genericSamples } from './generic';
import { c07Samples } from './c07';
import { f17Samples } from './f17';
import { v01Samples } from './v01';

export type { CardSample } from './types';

/**
 * Every card the bot can send, drawn from fixed example data: each state of each process and each
 * viewer (the person who must act, someone else, a stakeholder). The card gallery
 * (`npm run cards:gallery`) renders them to docs/cards/, and test/cards/render.test.ts checks each
 * against the Adaptive Card schema, the real renderer and Teams' limits.
 */
export const cardSamples: CardSample[] = [...genericSamples, ...c07Samples, ...f17Samples, ...v01Samples];
