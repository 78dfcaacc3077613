import { z } from 'zod';
import { ACTION_VERBS, LEGACY_VERB } from '../cards/actionVerbs';
import type { ActionVerb } from '../cards/actionVerbs';
import { STATUS_TO_CHAT } from '../cards/statusButtons';

/**
 * What an Action.Execute click may carry. Ids and names only; anything claiming who the user is or
 * what role they hold is ignored because the actor comes from the activity and the directory.
 * The card's inputs arrive beside these keys; they are checked for shape here and for meaning by
 * the process's own schema.
 */
const scalar = z.union([z.string().max(10_000), z.number().finite(), z.boolean()]);
const idLike = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9:_.-]+$/);

export const RESERVED_KEYS = ['card', 'applicationId', 'command', 'args', 'params', 'refresh'] as const;
const INPUT_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_INPUTS = 120;

export const actionDataSchema = z.object({
  card: idLike,
  applicationId: idLike.optional(),
  command: idLike.optional(),
  args: z.record(z.string().regex(INPUT_KEY), scalar).optional(),
  params: z.record(z.string().regex(INPUT_KEY), scalar).optional(),
  refresh: z.boolean().optional(),
});
export type ParsedActionData = z.infer<typeof actionDataSchema>;

export type ParsedAction = { data: ParsedActionData; inputs: Record<string, string | number | boolean> };

export function parseAction(raw: unknown): ParsedAction | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const record = raw as Record<string, unknown>;
  const base: Record<string, unknown> = {};
  const inputs: Record<string, string | number | boolean> = {};
  let count = 0;
  for (const [key, value] of Object.entries(record)) {
    if ((RESERVED_KEYS as readonly string[]).includes(key)) {
      base[key] = value;
      continue;
    }
    // Keys become field names in our own shape only after the process validates them; here we
    // refuse anything that could not be an input id (dots, $, NUL, absurd lengths).
    if (!INPUT_KEY.test(key) || ++count > MAX_INPUTS) return null;
    const v = scalar.safeParse(value);
    if (!v.success) return null;
    if (typeof v.data === 'string' && v.data.includes('\u0000')) return null;
    inputs[key] = v.data;
  }
  const data = actionDataSchema.safeParse(base);
  return data.success ? { data: data.data, inputs } : null;
}

/**
 * The kind of action a click is: its verb, when it is one of ours. A button of the single verb every
 * card carried before each kind had its own (cards in chats live for months) is read from its data
 * as the bot read it then. Anything else is no action of Tautoko's (undefined).
 */
export function verbOf(verb: unknown, data: ParsedActionData): ActionVerb | undefined {
  if (verb === LEGACY_VERB) return legacyVerb(data);
  return (ACTION_VERBS as readonly unknown[]).includes(verb) ? (verb as ActionVerb) : undefined;
}

/** What a click of the legacy verb meant, from its data alone (the verb a card of today gives it). */
export function legacyVerb(data: ParsedActionData): ActionVerb {
  if (data.card.startsWith('start:')) return 'start';
  if (data.card === 'generic.mytasks') return 'myTasks';
  if (data.card === STATUS_TO_CHAT) return 'statusToChat';
  if (data.refresh) return 'refresh';
  return data.command ? 'submit' : 'open';
}
