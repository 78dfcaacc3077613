import { defineWorkflow } from '../../../services/workflow/define';
import type { WorkflowDefinition } from '../../../services/workflow/types';
import * as chat from './chat';
import * as commands from './commands';
import type { ExampleCommand, ExampleStartInput } from './commands';
import * as decide from './decide';
import * as evolve from './evolve';
import * as model from './model';
import type { ExampleState } from './model';
import * as notifications from './notifications';
import * as tasks from './tasks';

/** The example process's definition: what the engine runs. */
export const exampleDefinition: WorkflowDefinition<
  ExampleState,
  ExampleCommand,
  ExampleStartInput,
  typeof model.EXAMPLE_KIND
> = defineWorkflow({
  kind: model.EXAMPLE_KIND,
  idPrefix: model.ID_PREFIX,
  label: 'example request',
  modules: { chat, commands, decide, evolve, model, notifications, tasks },
  start: decide.start,
  stage: model.stageOf,
  closed: model.isClosed,
  participants: () => [],
});
