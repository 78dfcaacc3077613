import { prohibitionDefinition } from '../../services/workflows/prohibition';
import type { ProcessModule } from '../process';
import type { CardRenderer } from '../types';
import { orderCard } from './order';
import { reviewCard } from './review';
import { prohibitionStartForm, prohibitionStartSteps } from './startForm';
import { statusCard } from './status';

/** Every prohibition order card by registry name (v01p.*: the names stored in outbox messages and buttons). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const prohibitionCards: Record<string, CardRenderer<any>> = {
  'v01p.status': statusCard,
  'v01p.order': orderCard,
  'v01p.review': reviewCard,
};

export { prohibitionStartForm };

/** V.01.08–09 visitor prohibition orders, plugged in (cards/processes.ts). */
export const prohibitionProcess = {
  workflow: prohibitionDefinition,
  cards: prohibitionCards,
  startForm: prohibitionStartSteps,
  manifest: [
    {
      usage: 'new prohibition order',
      description: 'Issue a V.01 visitor prohibition order',
      scopes: ['personal'],
    },
  ],
} satisfies ProcessModule;
