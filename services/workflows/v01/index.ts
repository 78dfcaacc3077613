/** V.01 visitor applications: one process, plugged in through its definition. */
export { v01Definition } from './definition';
export type { V01State } from './model';
