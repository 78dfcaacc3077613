import type { WorkflowKind } from '../services/workflow/domain';
import type { CardRenderer } from './types';
import type { SteppedForm } from './steps';
import { c07Cards } from './c07';
import { c07StartSteps } from './c07/startForm';
import { f17Cards } from './f17';
import { f17StartSteps } from './f17/startForm';
import { prohibitionCards } from './prohibition';
import { prohibitionStartSteps } from './prohibition/startForm';
import { v01Cards } from './v01';
import { v01StartSteps } from './v01/startForm';

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

/** The start form of each process, in steps, drawn by the start dialog. */
export const startForms: Partial<Record<WorkflowKind, SteppedForm>> = {
  C07: c07StartSteps,
  F17: f17StartSteps,
  V01: v01StartSteps,
  V01P: prohibitionStartSteps,
};

export function statusCardName(kind: WorkflowKind): string {
  return `${kind.toLowerCase()}.status`;
}
