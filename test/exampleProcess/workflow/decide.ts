import { startedFor } from '../../../services/workflow/define';
import type { ApplicationDoc } from '../../../services/workflow/domain';
import { alreadyDone, requireRole } from '../../../services/workflow/guards';
import type { DecideContext, NewEvent, StartResult } from '../../../services/workflow/types';
import type { ExampleCommand, ExampleStartInput } from './commands';
import { EV } from './evolve';
import { DECIDERS, REQUESTERS } from './model';
import type { ExampleState } from './model';

/** A case manager at the site asks. */
export function start(input: ExampleStartInput, ctx: DecideContext): StartResult {
  requireRole(ctx.actor, REQUESTERS, input.site);
  return startedFor(input, `Request: ${input.what}`, { type: EV.requested, payload: { what: input.what } });
}

/** The general manager custodial at the site decides, once. */
export function decide(app: ApplicationDoc<ExampleState>, c: ExampleCommand, ctx: DecideContext): NewEvent[] {
  requireRole(ctx.actor, DECIDERS, app.site);
  const done = app.state.decision;
  if (done) alreadyDone('The request was already decided', done.by);
  return [{ type: EV.decided, payload: { outcome: c.outcome, reasons: c.reasons } }];
}
