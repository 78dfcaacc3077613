import type { z } from 'zod';
import type { ApplicationDoc, AuditEvent, Task, WorkflowKind } from './domain';
import type {
  AppliedEvent,
  ApplicationHeader,
  ChatCommandSpec,
  DecideContext,
  NewEvent,
  Notification,
  StartResult,
  WorkflowDefinition,
} from './types';

/**
 * The modules every process has, each under the same name in its folder
 * (services/workflows/<p>/): `commands` (zod schemas), `model` (its state), `decide`, `evolve`,
 * `tasks`, `notifications` and `chat`. A definition passes them as they are (`import * as decide
 * from './decide'`) and `defineWorkflow` wires them into a WorkflowDefinition, so the wiring is
 * written once and a process's definition names only what is its own.
 */
export interface ProcessModules<S, C extends { type: string }, I> {
  commands: {
    commandSchema: z.ZodType<C, z.ZodTypeDef, unknown>;
    startSchema: z.ZodType<I, z.ZodTypeDef, unknown>;
  };
  model: { initialState(): S };
  decide: { decide(app: ApplicationDoc<S>, command: C, ctx: DecideContext): NewEvent[] };
  /** The fold, and what each event type is called on a timeline. */
  evolve: { evolve(state: S, event: AppliedEvent): S; EVENT_LABELS: Readonly<Record<string, string>> };
  tasks: { tasks(app: Omit<ApplicationDoc<S>, 'openTasks' | 'taskKeys'>): Task[] };
  notifications: { notifications(app: ApplicationDoc<S>, event: AuditEvent): Notification[] };
  chat: { chatCommands: ChatCommandSpec[] };
}

/** What a definition says beside its modules: its name, id prefix, start, stage and the like. */
export type ProcessSpec<S, C extends { type: string }, I, K extends WorkflowKind> = Omit<
  WorkflowDefinition<S, C, I, K>,
  | 'commandSchema'
  | 'startSchema'
  | 'initialState'
  | 'decide'
  | 'evolve'
  | 'eventLabels'
  | 'tasks'
  | 'notifications'
  | 'chatCommands'
> & { modules: ProcessModules<S, C, I> };

export function defineWorkflow<S, C extends { type: string }, I, K extends WorkflowKind>(
  spec: ProcessSpec<S, C, I, K>,
): WorkflowDefinition<S, C, I, K> {
  const { modules: m, ...own } = spec;
  return {
    ...own,
    commandSchema: m.commands.commandSchema,
    startSchema: m.commands.startSchema,
    initialState: m.model.initialState,
    decide: m.decide.decide,
    evolve: m.evolve.evolve,
    eventLabels: m.evolve.EVENT_LABELS,
    tasks: m.tasks.tasks,
    notifications: m.notifications.notifications,
    chatCommands: m.chat.chatCommands,
  };
}

/**
 * What a start for one prisoner returns: the application's header from the start form's site and
 * prisoner, its title, and the opening event. `dedupeKey`: at most one open application per key.
 */
export function startedFor(
  input: Pick<ApplicationHeader, 'site' | 'prisonerId' | 'prisonerName'>,
  title: string,
  opening: NewEvent,
  dedupeKey?: string,
): StartResult {
  const { site, prisonerId, prisonerName } = input;
  return {
    header: { site, prisonerId, prisonerName, title, ...(dedupeKey ? { dedupeKey } : {}) },
    events: [opening],
  };
}
