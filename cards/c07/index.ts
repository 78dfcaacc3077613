import { c07Definition } from '../../services/workflows/c07/definition';
import type { ProcessModule } from '../process';
import type { CardRenderer } from '../types';
import { c07AttendeesCard } from './attendees';
import { c07CancelCard } from './cancel';
import { c07ConsentCard } from './consent';
import { c07EntryPostCard } from './entryPost';
import { c07NotificationCard } from './notification';
import { c07OutcomeCard } from './outcome';
import { c07PersonCard } from './person';
import { c07QuestionCard } from './question';
import { c07RescheduleCard } from './reschedule';
import { c07StartSteps } from './startForm';
import { c07StatusCard } from './status';
import type { HuiState } from '../../services/workflows/c07/model';

export { c07StartForm } from './startForm';

/** Every card of the support hui process, by registry name. */
export const c07Cards: Record<string, CardRenderer<HuiState>> = {
  'c07.status': c07StatusCard,
  'c07.consent': c07ConsentCard,
  'c07.person': c07PersonCard,
  'c07.attendees': c07AttendeesCard,
  'c07.notification': c07NotificationCard,
  'c07.question': c07QuestionCard,
  'c07.entrypost': c07EntryPostCard,
  'c07.outcome': c07OutcomeCard,
  'c07.cancel': c07CancelCard,
  'c07.reschedule': c07RescheduleCard,
};

/** C.07 support hui, plugged in (cards/processes.ts). */
export const c07Process = {
  workflow: c07Definition,
  cards: c07Cards,
  startForm: c07StartSteps,
  manifest: [{ usage: 'new hui', description: 'Start a C.07 support hui', scopes: ['personal'] }],
} satisfies ProcessModule;
