import type { ProcessModule } from '../../../cards/process';
import { exampleDefinition } from '../workflow/definition';
import { exampleStartSteps } from './startForm';
import { exampleStatusCard } from './status';

/** The example process, plugged in: the one object a process list takes. */
export const exampleProcess = {
  workflow: exampleDefinition,
  cards: { 'x01.status': exampleStatusCard },
  startForm: exampleStartSteps,
  manifest: [
    { usage: 'new example request', description: 'Ask for something (example)', scopes: ['personal'] },
  ],
} satisfies ProcessModule;
