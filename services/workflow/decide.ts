import type { ApplicationDoc } from './domain';
import type { DecideContext, NewEvent } from './types';

/**
 * A process's `decide` as a table: one handler per command type, looked up by the command's
 * `type`. Each handler checks who may act, whether it is already done and whether the
 * application is at that step, then returns the events to record (or throws a DomainError).
 * The table's type names every command, so adding a command without its handler does not compile.
 */

/** The command of one type out of a process's command union. */
export type CommandOf<C extends { type: string }, T extends C['type']> = Extract<C, { type: T }>;

export type Handler<S, C extends { type: string }, T extends C['type'] = C['type']> = (
  app: ApplicationDoc<S>,
  command: CommandOf<C, T>,
  ctx: DecideContext,
) => NewEvent[];

export type HandlerTable<S, C extends { type: string }> = { [T in C['type']]: Handler<S, C, T> };

/** The `decide` of a workflow definition, from its table of handlers. */
export function decideByTable<S, C extends { type: string }>(
  table: HandlerTable<S, C>,
): (app: ApplicationDoc<S>, command: C, ctx: DecideContext) => NewEvent[] {
  return (app, command, ctx) => {
    const handler = table[command.type as C['type']] as unknown as Handler<S, C>;
    return handler(app, command as CommandOf<C, C['type']>, ctx);
  };
}
