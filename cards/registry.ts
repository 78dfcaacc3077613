import type { WorkflowKind } from '../services/store/types';
import type { CardRenderer, FormRenderer } from './types';
import { c07Cards, c07StartForm } from './c07';
import { f17Cards, f17StartForm } from './f17';
import { prohibitionCards, prohibitionStartForm } from './prohibition';
import { v01Cards, v01StartForm } from './v01';

/**
 * Every card the bot can draw for an application, by name. Names are `<kind>.<card>` in lower
 * case (e.g. `f17.status`, `f17.section`); `<kind>.status` is what `status <id>` shows.
 * Outbox messages and Action.Execute data refer to cards by these names only.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const cardRenderers: Record<string, CardRenderer<any>> = {
  ...c07Cards,
  ...f17Cards,
  ...v01Cards,
  ...prohibitionCards,
};

/** The start form of each process, drawn by the start dialog. */
export const startForms: Partial<Record<WorkflowKind, FormRenderer>> = {
  C07: c07StartForm,
  F17: f17StartForm,
  V01: v01StartForm,
  V01P: prohibitionStartForm,
};

export function statusCardName(kind: WorkflowKind): string {
  return `${kind.toLowerCase()}.status`;
}
