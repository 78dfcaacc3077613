import { v01Definition } from '../../services/workflows/v01';
import type { ProcessModule } from '../process';
import type { CardRenderer } from '../types';
import { v01ChecklistCard } from './checklist';
import { v01DecisionCard } from './decision';
import { v01NoticesCard, v01SpecifiedCard } from './notices';
import { v01PanelCard } from './panel';
import { v01ResponseCard } from './response';
import { v01RestrictionCard } from './restriction';
import { v01ReviewCard } from './review';
import { v01RoutingCard } from './routing';
import { v01StartForm, v01StartSteps } from './startForm';
import { v01StatusCard } from './status';

/** Every visitor application card by registry name (v01.*). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const v01Cards: Record<string, CardRenderer<any>> = {
  'v01.status': v01StatusCard,
  'v01.restriction': v01RestrictionCard,
  'v01.checklist': v01ChecklistCard,
  'v01.routing': v01RoutingCard,
  'v01.panel': v01PanelCard,
  'v01.decision': v01DecisionCard,
  'v01.response': v01ResponseCard,
  'v01.notices': v01NoticesCard,
  'v01.specified': v01SpecifiedCard,
  'v01.review': v01ReviewCard,
};

export { v01StartForm };

/** V.01 visitor applications, plugged in (cards/processes.ts). */
export const v01Process = {
  workflow: v01Definition,
  cards: v01Cards,
  startForm: v01StartSteps,
  manifest: [
    {
      usage: 'new visitor application',
      description: 'Start a V.01 visitor application',
      scopes: ['personal'],
    },
  ],
} satisfies ProcessModule;
