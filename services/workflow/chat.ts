import type { WorkflowKind } from '../workflow/domain';
import type { ChatCommandSpec } from './types';

/**
 * Chat commands from their usage line: the words of `usage` are matched case-blind with any
 * spacing, and `<id>` is an application id with one of the process's id prefixes
 * (MIX-2026-00042; as many digits as people type). A process lists its commands with these two
 * helpers, so every process reads ids the same way.
 */

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternOf(usage: string, idPrefixes: readonly string[]): RegExp {
  const id = `((?:${idPrefixes.map(escape).join('|')})-\\d{4}-\\d{1,9})`;
  const words = usage
    .trim()
    .split(/\s+/)
    .map((w) => (w === '<id>' ? id : escape(w)));
  return new RegExp(`^${words.join('\\s+')}$`, 'i');
}

/** `new mix assessment`: opens the process's start form. */
export function startCommand(spec: {
  usage: string;
  description: string;
  kind: WorkflowKind;
}): ChatCommandSpec {
  const re = patternOf(spec.usage, []);
  return {
    usage: spec.usage,
    description: spec.description,
    match: (text) => (re.test(text.trim()) ? { kind: 'start', workflow: spec.kind } : null),
  };
}

/**
 * `withdraw consent <id>`: opens `card` for the application. `card` may depend on the id, for a
 * command that serves several id prefixes.
 */
export function idCommand(spec: {
  usage: string;
  description: string;
  idPrefix: string | readonly string[];
  card: string | ((applicationId: string) => string);
}): ChatCommandSpec {
  const prefixes = typeof spec.idPrefix === 'string' ? [spec.idPrefix] : spec.idPrefix;
  const re = patternOf(spec.usage, prefixes);
  return {
    usage: spec.usage,
    description: spec.description,
    match(text) {
      const id = re.exec(text.trim())?.[1]?.toUpperCase();
      if (!id) return null;
      return {
        kind: 'card',
        card: typeof spec.card === 'string' ? spec.card : spec.card(id),
        applicationId: id,
      };
    },
  };
}

/**
 * A process's chat commands: its start command, then one id command per card, each written as
 * `usage: [card, description]`, all reading the process's own id prefix.
 */
export function processChatCommands(
  process: { kind: WorkflowKind; idPrefix: string },
  start: { usage: string; description: string },
  cards: Readonly<Record<string, readonly [card: string, description: string]>>,
): ChatCommandSpec[] {
  return [
    startCommand({ ...start, kind: process.kind }),
    ...Object.entries(cards).map(([usage, [card, description]]) =>
      idCommand({ usage, description, idPrefix: process.idPrefix, card }),
    ),
  ];
}
