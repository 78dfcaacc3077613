import type { ChatScope, ProcessCommand } from '../cards/process';
import { registry } from '../cards/processes';

/**
 * The bot's chat commands as Teams lists them in the compose box (the manifest's `commandLists`):
 * the commands every conversation has, then each process's own (its `manifest` entries, from the
 * one list of processes in cards/processes.ts). The bot's `help` answer is checked against this
 * list so the two never drift apart.
 */

export type BotScope = ChatScope;

export interface BotCommand {
  /** What Teams inserts into the compose box: the command's fixed words, without placeholders. */
  title: string;
  /** The full syntax, exactly as `help` shows it, e.g. "status <id>". */
  usage: string;
  description: string;
  /** Where Teams suggests it. Commands that reveal someone's own work or start a form stay in personal chat. */
  scopes: readonly BotScope[];
}

export const BOT_SCOPES: readonly BotScope[] = ['personal', 'team', 'groupChat'];

const everywhere = BOT_SCOPES;

/** The commands that are no process's own. */
export const genericCommands: readonly BotCommand[] = [
  { title: 'help', usage: 'help', description: 'List what I can do', scopes: everywhere },
  {
    title: 'status',
    usage: 'status <id>',
    description: 'status <id>: where an application is up to and who it is waiting on',
    scopes: everywhere,
  },
  {
    title: 'my tasks',
    usage: 'my tasks',
    description: 'Your open tasks, oldest first',
    scopes: ['personal'],
  },
  {
    title: 'applications for',
    usage: 'applications for <prisoner id>',
    description: 'applications for <prisoner id>: every application for one prisoner',
    scopes: ['personal'],
  },
  {
    title: 'whois',
    usage: 'whois <name or email>',
    description: 'whois <name or email>: a staff member’s roles and sites from the directory',
    scopes: everywhere,
  },
  {
    title: 'register channel',
    usage: 'register channel <purpose> <site>',
    description: 'register channel <purpose> <site>: post this site’s notices of that kind to this channel',
    scopes: ['team'],
  },
];

/** What Teams inserts for a command: its fixed words, up to the first placeholder. */
export function titleOf(usage: string): string {
  return usage.split('<')[0]!.trim();
}

/** Commands for the manifest from processes' entries (see `registryOf` in cards/process.ts). */
export function processBotCommands(commands: readonly ProcessCommand[]): BotCommand[] {
  return commands.map((c) => ({ title: titleOf(c.usage), ...c }));
}

export const botCommands: readonly BotCommand[] = [
  ...genericCommands,
  ...processBotCommands(registry.manifestCommands),
];

/** Limits the Teams Developer Portal and store validation enforce beyond the JSON schema. */
export const COMMAND_LIMITS = { perList: 10, title: 32, description: 128 } as const;

export interface ManifestCommandList {
  scopes: BotScope[];
  commands: Array<{ title: string; description: string }>;
}

/** One command list per scope, as Teams asks ("a separate command list should be used for each scope"). */
export function commandLists(commands: readonly BotCommand[] = botCommands): ManifestCommandList[] {
  return BOT_SCOPES.map((scope) => ({
    scopes: [scope],
    commands: commands
      .filter((c) => c.scopes.includes(scope))
      .map((c) => ({ title: c.title, description: c.description })),
  })).filter((list) => list.commands.length > 0);
}
