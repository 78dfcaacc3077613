import { processChatCommands } from '../../workflow/chat';
import { F17_ID_PREFIX, F17_KIND } from './model';

export const chatCommands = processChatCommands(
  { kind: F17_KIND, idPrefix: F17_ID_PREFIX },
  {
    usage: 'new mix assessment',
    description: 'Start a suitability to mix assessment for an accused prisoner and one programme (F.17).',
  },
  {
    'withdraw consent <id>': [
      'f17.withdraw',
      'Record that the prisoner withdrew consent to mix; the assessment stops (F.17.04).',
    ],
    'disclosure <id>': [
      'f17.disclosure',
      'The reasons for a mix decision for a Privacy Act request, with restricted information withheld (F.17.05).',
    ],
  },
);
