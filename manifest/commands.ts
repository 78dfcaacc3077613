/**
 * The bot's chat commands as Teams lists them in the compose box (the manifest's `commandLists`).
 * The bot's `help` answer is checked against this list so the two never drift apart.
 */

export type BotScope = 'personal' | 'team' | 'groupChat';

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

export const botCommands: readonly BotCommand[] = [
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
    title: 'new mix assessment',
    usage: 'new mix assessment',
    description: 'Start an F.17 suitability-to-mix assessment',
    scopes: ['personal'],
  },
  { title: 'new hui', usage: 'new hui', description: 'Start a C.07 support hui', scopes: ['personal'] },
  {
    title: 'new visitor application',
    usage: 'new visitor application',
    description: 'Start a V.01 visitor application',
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
