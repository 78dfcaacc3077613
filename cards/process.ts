import type { WorkflowKind } from '../services/workflow/domain';
import type { AnyWorkflow } from '../services/workflow/types';
import type { SteppedForm } from './steps';
import type { CardRenderer } from './types';

/** Where Teams suggests a command in its compose box (the manifest's command lists). */
export type ChatScope = 'personal' | 'team' | 'groupChat';

/** One of a process's chat commands as the Teams manifest lists it. */
export interface ManifestEntry {
  /** Exactly the usage of one of the definition's `chatCommands`. */
  usage: string;
  /** At most 128 characters; the chat command's own description when absent. */
  description?: string;
  scopes: readonly ChatScope[];
}

/**
 * A process, plugged in: everything the bot needs of it, in one object exported by
 * `cards/<p>/index.ts`. Its `workflow` (services/workflows/<p>/definition.ts) carries the domain:
 * schemas, decide/evolve, tasks, notifications, chat commands and server-filled fields.
 */
export interface ProcessModule<W extends AnyWorkflow = AnyWorkflow> {
  workflow: W;
  /** Its cards by registry name, each `<kind in lower case>.<card>`; `<kind>.status` is what `status <id>` shows. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  cards: Readonly<Record<string, CardRenderer<any>>>;
  /** Its start form, in steps (cards/steps.ts). */
  startForm: SteppedForm;
  /** Which of its chat commands Teams suggests, and where (at most ten a scope, with the others). */
  manifest: readonly ManifestEntry[];
}

/** A manifest entry with its description filled in. */
export type ProcessCommand = Required<ManifestEntry>;

/** What the bot looks processes up in, derived from one list of them. */
export interface ProcessRegistry {
  workflows: AnyWorkflow[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  cardRenderers: Record<string, CardRenderer<any>>;
  startForms: Readonly<Record<WorkflowKind, SteppedForm>>;
  /** The processes' commands for the Teams manifest, in the order of the list. */
  manifestCommands: ProcessCommand[];
}

export function statusCardName(kind: WorkflowKind): string {
  return `${kind.toLowerCase()}.status`;
}

function unique(what: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new Error(`Two processes have the ${what} ${v}.`);
    seen.add(v);
  }
}

/** Refuses a process that does not fit the contract, naming what is wrong, before anything runs. */
function check(p: ProcessModule): void {
  const { kind } = p.workflow;
  const prefix = `${kind.toLowerCase()}.`;
  for (const name of Object.keys(p.cards))
    if (!name.startsWith(prefix)) throw new Error(`Process ${kind}: card ${name} is not named ${prefix}…`);
  if (!p.cards[statusCardName(kind)]) throw new Error(`Process ${kind} has no ${statusCardName(kind)} card.`);
  if (p.startForm.kind !== kind)
    throw new Error(`Process ${kind}: its start form is for ${p.startForm.kind}.`);
  const usages = new Set(p.workflow.chatCommands.map((c) => c.usage));
  for (const m of p.manifest)
    if (!usages.has(m.usage))
      throw new Error(`Process ${kind}: "${m.usage}" is not one of its chat commands.`);
}

/** The workflow registry, the card registry, the start forms and the manifest commands of these processes. */
export function registryOf(processes: readonly ProcessModule[]): ProcessRegistry {
  processes.forEach(check);
  const each = (what: string, values: (p: ProcessModule) => readonly string[]) =>
    unique(what, processes.flatMap(values));
  each('kind', (p) => [p.workflow.kind]);
  each('id prefix', (p) => [p.workflow.idPrefix]);
  each('card', (p) => Object.keys(p.cards));
  each('setting', (p) => Object.keys(p.workflow.settings ?? {}));
  return {
    workflows: processes.map((p) => p.workflow),
    cardRenderers: Object.assign({}, ...processes.map((p) => p.cards)),
    startForms: Object.fromEntries(processes.map((p) => [p.workflow.kind, p.startForm])),
    manifestCommands: processes.flatMap((p) =>
      p.manifest.map((m) => ({
        usage: m.usage,
        scopes: m.scopes,
        description:
          m.description ?? p.workflow.chatCommands.find((c) => c.usage === m.usage)?.description ?? '',
      })),
    ),
  };
}
