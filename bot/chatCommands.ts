import type { ChatIntent, ChatCommandSpec } from '../services/workflow/types';
import { parseDelegationCommand } from './delegationCommands';
import type { DelegationCommand } from './delegationCommands';

/** What a line typed in chat asks for. Parsing is pure so it can be tested as a table. */
export type ChatCommand =
  | { kind: 'help' }
  | { kind: 'status'; id: string }
  | { kind: 'myTasks' }
  | { kind: 'forPrisoner'; prisonerId: string }
  | { kind: 'whois'; query: string }
  | { kind: 'role'; op: 'add' | 'remove'; who: string; role: string; site: string }
  | { kind: 'registerChannel'; purpose: string; site: string }
  | { kind: 'outboxFailed' }
  | { kind: 'digest'; on: boolean }
  | { kind: 'devClock'; change: string }
  | { kind: 'cancel' }
  | { kind: 'workflow'; intent: ChatIntent }
  | { kind: 'delegation'; command: DelegationCommand }
  | { kind: 'unknown'; text: string };

export const BASE_COMMANDS = [
  { usage: 'help', description: 'What Tautoko can do' },
  { usage: 'status <id>', description: 'Stage, answers, outstanding people and decision of an application' },
  { usage: 'my tasks', description: 'Sections and decisions waiting for you' },
  { usage: 'applications for <prisoner id>', description: "A prisoner's applications" },
  { usage: 'whois <name or email>', description: "Someone's roles in the directory" },
  { usage: 'digest off', description: 'Stop your daily digest of tasks (digest on to have it back)' },
];

export const ADMIN_COMMANDS = [
  { usage: 'role add <email> <role> <site>', description: 'Give someone a role at a site (* for all sites)' },
  { usage: 'role remove <email> <role> <site>', description: 'Take a role away' },
  {
    usage: 'register channel <purpose> <site>',
    description: 'In a channel: post <purpose> messages for <site> here',
  },
  { usage: 'outbox failed', description: 'Messages that could not be delivered' },
];

const MAX_COMMAND_LENGTH = 500;

export function parseChatCommand(raw: string, workflowCommands: ChatCommandSpec[]): ChatCommand {
  // Channel messages arrive as "<at>Tautoko</at> status X"; the mention is not part of the command.
  const text = raw
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_COMMAND_LENGTH);
  const lower = text.toLowerCase();
  if (
    lower === '' ||
    lower === 'help' ||
    lower === '?' ||
    lower === 'hi' ||
    lower === 'hello' ||
    lower === 'kia ora'
  )
    return { kind: 'help' };
  if (lower === 'my tasks' || lower === 'tasks') return { kind: 'myTasks' };
  if (lower === 'cancel') return { kind: 'cancel' };
  if (lower === 'outbox failed') return { kind: 'outboxFailed' };
  if (lower === 'digest off' || lower === 'digest on') return { kind: 'digest', on: lower === 'digest on' };
  const clock = /^dev\s+clock(?:\s+(\S+))?$/i.exec(text);
  if (clock) return { kind: 'devClock', change: clock[1]?.toLowerCase() ?? '' };
  let m = /^status\s+(\S+)$/i.exec(text);
  if (m) return { kind: 'status', id: m[1]! };
  m = /^applications\s+for\s+(\S+)$/i.exec(text);
  if (m) return { kind: 'forPrisoner', prisonerId: m[1]! };
  m = /^whois\s+(.+)$/i.exec(text);
  if (m) return { kind: 'whois', query: m[1]! };
  m = /^role\s+(add|remove)\s+(\S+)\s+(\S+)\s+(.+)$/i.exec(text);
  if (m)
    return {
      kind: 'role',
      op: m[1]!.toLowerCase() as 'add' | 'remove',
      who: m[2]!,
      role: m[3]!.toLowerCase(),
      site: m[4]!.trim(),
    };
  m = /^register\s+channel\s+(\S+)\s+(.+)$/i.exec(text);
  if (m) return { kind: 'registerChannel', purpose: m[1]!.toLowerCase(), site: m[2]!.trim() };
  const delegation = parseDelegationCommand(text);
  if (delegation) return { kind: 'delegation', command: delegation };
  for (const spec of workflowCommands) {
    const intent = spec.match(text);
    if (intent) return { kind: 'workflow', intent };
  }
  return { kind: 'unknown', text };
}
