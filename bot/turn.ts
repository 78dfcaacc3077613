import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Actor } from '../services/directory/person';

/** Per-turn facts every handler needs: who, and the ids that tie log lines and audit events together. */
export interface Turn {
  actor: Actor | null;
  origin: { activityId: string; correlationId: string };
  log: Logger;
}

export function turnOf(context: TurnContext, actor: Actor | null, logger: Logger): Turn {
  const origin = originOf(context);
  return {
    actor,
    origin,
    log: logger.child({ activityId: origin.activityId, correlationId: origin.correlationId }),
  };
}

/** The activity's id and a correlation id, the same for the whole turn. */
export function originOf(context: TurnContext): { activityId: string; correlationId: string } {
  const existing = context.turnState.get('tautoko.correlationId') as string | undefined;
  const correlationId = existing ?? randomUUID();
  if (!existing) context.turnState.set('tautoko.correlationId', correlationId);
  return { activityId: context.activity.id ?? correlationId, correlationId };
}

/** A read started ahead of need: its failure is reported where it is awaited, never as unhandled. */
export function quietly<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
