import type { WorkflowKind } from '../store/types';
import type { ChatCommandSpec, ChatIntent } from './types';

/**
 * Chat commands a process adds: the one that starts it, and "<verb> <id>" commands that open one
 * of its cards. Each process matches only its own ids (its `idPrefix`), so two processes may offer
 * the same verb.
 */

/** "<verb> <PREFIX-2026-00042>" (any case, surrounding spaces ignored) opens `card` for that id. */
export function idCommand(verb: string, idPrefix: string, card: string): (text: string) => ChatIntent | null {
  const re = new RegExp(`^${verb}\\s+(${idPrefix}-\\d{4}-\\d{1,6})$`, 'i');
  return (text) => {
    const m = re.exec(text.trim());
    return m?.[1] ? { kind: 'card', card, applicationId: m[1].toUpperCase() } : null;
  };
}

/** The command that starts a process, e.g. "new visitor application". */
export function startCommand(usage: string, description: string, workflow: WorkflowKind): ChatCommandSpec {
  const re = new RegExp(`^${usage.replace(/\s+/g, '\\s+')}$`, 'i');
  return { usage, description, match: (text) => (re.test(text.trim()) ? { kind: 'start', workflow } : null) };
}
