import { c07Process } from './c07';
import { f17Process } from './f17';
import { registryOf } from './process';
import { prohibitionProcess } from './prohibition';
import { v01Process } from './v01';

/**
 * Every process the bot runs, in the order `help` lists them. Adding a process is one line here
 * (see docs/architecture.md, "How to add a process"): the workflow registry, the card registry,
 * the start forms, the kinds and the Teams manifest's commands all derive from this list.
 */
export const processes = [c07Process, f17Process, v01Process, prohibitionProcess] as const;

/** The kinds of the processes in the list ('F17' | 'C07' | …). */
export type ProcessKind = (typeof processes)[number]['workflow']['kind'];

export const registry = registryOf(processes);

/** The workflow definitions, for the engine. */
export const workflows = registry.workflows;
