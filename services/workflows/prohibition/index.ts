/** V.01.08–09 visitor prohibition orders: one process, plugged in through its definition. */
export { prohibitionDefinition } from './definition';
export type { V01PState } from './model';
