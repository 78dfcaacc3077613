import { defineWorkflow } from '../../workflow/define';
import type { WorkflowDefinition } from '../../workflow/types';
import * as chat from './chat';
import * as commands from './commands';
import type { V01PCommand, V01PStartInput } from './commands';
import * as decide from './decide';
import * as evolve from './evolve';
import * as model from './model';
import type { V01PState } from './model';
import * as notifications from './notifications';
import * as tasks from './tasks';

/** V.01.08–09 Visitor prohibition orders: signed by a manager, given to the visitor, reviewed by the Chief Inspector. */
export const prohibitionDefinition: WorkflowDefinition<
  V01PState,
  V01PCommand,
  V01PStartInput,
  typeof model.PROHIBITION_KIND
> = defineWorkflow({
  kind: model.PROHIBITION_KIND,
  idPrefix: chat.ID_PREFIX,
  label: 'visitor prohibition order',
  /** 1: stamps are the workflow layer's `{ aadObjectId, name, at }` (were `{ byId, by, at }`). */
  stateVersion: 1,
  modules: { chat, commands, decide, evolve, model, notifications, tasks },
  start: decide.start,
  stage: model.orderStage,
  closed: model.isClosed,
  participants: () => [],
  // Other processes (V.01 applications, C.07 hui) read an order in force through the engine only.
  publishes: { prohibitionOrder: model.publishedOrder },
});
