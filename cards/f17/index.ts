import { f17Definition } from '../../services/workflows/f17/definition';
import type { ProcessModule } from '../process';
import type { CardRenderer } from '../types';
import { f17ChannelDecisionCard } from './channelDecision';
import { f17ConsentCard } from './consent';
import { f17ContributorCard } from './contributor';
import { f17DecisionCard } from './decision';
import { f17DisclosureCard } from './disclosure';
import { f17ConsentFormCard, f17InformPrisonerCard } from './followUps';
import { f17ReviewCard } from './review';
import { f17SchedulingCard } from './scheduling';
import { f17SectionCard } from './section';
import { f17StartSteps } from './startForm';
import { f17StatusCard } from './status';
import { f17WithdrawCard } from './withdraw';
import type { F17State } from '../../services/workflows/f17/model';

export { f17StartForm } from './startForm';

/** Every F.17 card by registry name. */
export const f17Cards: Record<string, CardRenderer<F17State>> = {
  'f17.status': f17StatusCard,
  'f17.consent': f17ConsentCard,
  'f17.section': f17SectionCard,
  'f17.contributor': f17ContributorCard,
  'f17.review': f17ReviewCard,
  'f17.decision': f17DecisionCard,
  'f17.channelDecision': f17ChannelDecisionCard,
  'f17.scheduling': f17SchedulingCard,
  'f17.disclosure': f17DisclosureCard,
  'f17.withdraw': f17WithdrawCard,
  'f17.informPrisoner': f17InformPrisonerCard,
  'f17.consentForm': f17ConsentFormCard,
};

/** F.17 suitability to mix, plugged in (cards/processes.ts). */
export const f17Process = {
  workflow: f17Definition,
  cards: f17Cards,
  startForm: f17StartSteps,
  manifest: [
    {
      usage: 'new mix assessment',
      description: 'Start an F.17 suitability-to-mix assessment',
      scopes: ['personal'],
    },
  ],
} satisfies ProcessModule;
