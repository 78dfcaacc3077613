import { z } from 'zod';

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
