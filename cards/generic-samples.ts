import type { CardSample } from './samples';

/** Samples of the cards that belong to no process: help, status not found, my tasks, errors. */
export const genericSamples: CardSample[] = [];
