import { envField } from '../scheduler/settings';
import type { AnyWorkflow, ProcessSetting } from './types';

/**
 * Processes' own settings from the environment (`WorkflowDefinition.settings`), read with the
 * bot's other settings at start-up: a malformed value stops the process naming the variable.
 */

/** A setting whose parsed value is what `apply` takes. */
export function setting<T>(parse: (text: string) => T, apply: (value: T) => void): ProcessSetting {
  return { parse, apply: (value) => apply(value as T) };
}

/** The environment variables of these processes, each parsed by its process ('' when unset). */
export function settingsShape(workflows: readonly AnyWorkflow[]) {
  return Object.fromEntries(
    workflows.flatMap((w) =>
      Object.entries(w.settings ?? {}).map(([name, s]) => [name, envField((text) => s.parse(text), '')]),
    ),
  );
}

/** Puts every process's parsed settings in force. */
export function applySettings(
  workflows: readonly AnyWorkflow[],
  values: Readonly<Record<string, unknown>>,
): void {
  for (const w of workflows) for (const [name, s] of Object.entries(w.settings ?? {})) s.apply(values[name]);
}
