import type { Actor } from '../../services/directory/person';
import { isDomainError } from '../../services/errors';
import { NO_RECORDS } from '../../services/workflow/records';
import type { ProcessRecords } from '../../services/workflow/records';
import type { AnyWorkflow, NewEvent } from '../../services/workflow/types';
import type { Run, Step } from '../fixtures/v01';
import { runWorkflow } from '../fixtures/v01';

/** What one command does to an application: the event types, or the error kind it is refused with. */
export function attempt(
  def: AnyWorkflow,
  r: Run<unknown>,
  actor: Actor,
  command: Record<string, unknown>,
  now?: Date,
  records: ProcessRecords = NO_RECORDS,
): string {
  try {
    const parsed = def.commandSchema.safeParse(command);
    if (!parsed.success) return 'VALIDATION';
    const events: NewEvent[] = def.decide(r.app, parsed.data, {
      actor,
      now: now ?? new Date(r.now.getTime() + 60_000),
      records,
    });
    return events.length ? events.map((e) => e.type).join('+') : 'nothing';
  } catch (e) {
    if (isDomainError(e)) return e.kind;
    throw e;
  }
}

/** The error a start input is refused with, or 'ok'. */
export function attemptStart(def: AnyWorkflow, input: Record<string, unknown>, actor: Actor): string {
  try {
    runWorkflow(def, input, actor);
    return 'ok';
  } catch (e) {
    if (isDomainError(e)) return e.kind;
    if (e instanceof Error && e.name === 'ZodError') return 'VALIDATION';
    throw e;
  }
}

export type { Step };
