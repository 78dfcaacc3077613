import type { WorkflowKind } from '../services/store/types';
import type { CardRenderer, FormRenderer } from './types';

/**
 * Every card the bot can draw for an application, by name. Names are `<kind>.<card>` in lower
 * case (e.g. `f17.status`, `f17.section`); `<kind>.status` is what `status <id>` shows.
 * Outbox messages and Action.Execute data refer to cards by these names only.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const cardRenderers: Record<string, CardRenderer<any>> = {};

/** The start form of each process, drawn by the start dialog. */
export const startForms: Partial<Record<WorkflowKind, FormRenderer>> = {};

export function statusCardName(kind: WorkflowKind): string {
  return `${kind.toLowerCase()}.status`;
}
