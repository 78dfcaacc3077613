import { defineWorkflow, startedFor } from '../../workflow/define';
import { requireRole } from '../../workflow/guards';
import type { WorkflowDefinition } from '../../workflow/types';
import * as chat from './chat';
import * as commands from './commands';
import type { F17Command, F17StartInput } from './commands';
import * as decide from './decide';
import * as evolve from './evolve';
import { EV } from './evolve';
import * as model from './model';
import { CASE_ROLES, F17_ID_PREFIX, F17_KIND } from './model';
import type { F17State } from './model';
import * as notifications from './notifications';
import { serverFields } from './serverFields';
import * as tasks from './tasks';
import { actingAs } from './recipients';

/** Case-insensitive and spacing-blind, so "Te Reo  Māori" and "te reo māori" are one programme. */
export function normaliseProgramme(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function dedupeKeyOf(prisonerId: string, programmeName: string): string {
  return `${prisonerId.toUpperCase()}|${normaliseProgramme(programmeName)}`;
}

/** F.17 Mixing accused prisoners with convicted or sentenced prisoners for a non-offence based programme. */
export const f17Definition: WorkflowDefinition<F17State, F17Command, F17StartInput, typeof F17_KIND> =
  defineWorkflow({
    kind: F17_KIND,
    idPrefix: F17_ID_PREFIX,
    label: 'suitability to mix assessment',
    modules: { chat, commands, decide, evolve, model, notifications, tasks },
    start(input, ctx) {
      requireRole(ctx.actor, CASE_ROLES, input.site);
      return startedFor(
        input,
        `Suitability to mix: ${input.programmeName}`,
        { type: EV.started, payload: { details: input, actingAs: actingAs(ctx.actor, input.site) } },
        // F.17.01: one assessment per prisoner per programme, never a blanket approval.
        dedupeKeyOf(input.prisonerId, input.programmeName),
      );
    },
    stage: model.stageOf,
    closed: model.isClosed,
    participants(state) {
      const ids = state.contributors.map((c) => c.aadObjectId);
      const f = state.details?.facilitator.aadObjectId;
      return f ? [...ids, f] : ids;
    },
    serverFields,
  });
