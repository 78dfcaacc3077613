import type { WorkflowDefinition } from '../../workflow/types';
import { chatCommands } from './chat';
import { commandSchema, startSchema } from './commands';
import type { C07Command, StartInput } from './commands';
import { decide } from './decide';
import { evolve } from './evolve';
import { huiStage, initialState, isClosed } from './model';
import type { HuiState } from './model';
import { notifications } from './notifications';
import { start } from './start';
import { tasks } from './tasks';

export type { HuiApp } from './model';

/** C.07 Support hui: whānau, reintegration, support planning, restorative justice, family group conference. */
export const c07Definition: WorkflowDefinition<HuiState, C07Command, StartInput> = {
  kind: 'C07',
  idPrefix: 'HUI',
  label: 'support hui',
  commandSchema,
  startSchema,
  start,
  initialState,
  evolve,
  decide,
  stage: huiStage,
  closed: isClosed,
  tasks,
  participants: (s) => [...new Set([s.organiserId, s.caseManagerId].filter((x) => x !== ''))],
  notifications,
  chatCommands,
};
