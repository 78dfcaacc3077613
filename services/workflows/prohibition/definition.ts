import type { WorkflowDefinition } from '../../workflow/types';
import { chatCommands, ID_PREFIX } from './chat';
import { commandSchema, startSchema } from './commands';
import type { V01PCommand, V01PStartInput } from './commands';
import { decide, start } from './decide';
import { evolve } from './evolve';
import { PROHIBITION_KIND, initialState, isClosed, orderStage, publishedOrder } from './model';
import type { V01PState } from './model';
import { notifications } from './notifications';
import { tasks } from './tasks';

/** V.01.08–09 Visitor prohibition orders: signed by a manager, given to the visitor, reviewed by the Chief Inspector. */
export const prohibitionDefinition: WorkflowDefinition<V01PState, V01PCommand, V01PStartInput> = {
  kind: PROHIBITION_KIND,
  idPrefix: ID_PREFIX,
  label: 'visitor prohibition order',
  commandSchema,
  startSchema,
  start,
  initialState,
  evolve,
  decide,
  stage: orderStage,
  closed: isClosed,
  tasks,
  participants: () => [],
  notifications,
  // Other processes (V.01 applications, C.07 hui) read an order in force through the engine only.
  publishes: { prohibitionOrder: publishedOrder },
  chatCommands,
};
