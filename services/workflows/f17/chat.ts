import { idCommand, startCommand } from '../../workflow/chat';
import type { ChatCommandSpec } from '../../workflow/types';
import { F17_ID_PREFIX, F17_KIND } from './model';

export const chatCommands: ChatCommandSpec[] = [
  startCommand({
    usage: 'new mix assessment',
    description: 'Start a suitability to mix assessment for an accused prisoner and one programme (F.17).',
    kind: F17_KIND,
  }),
  idCommand({
    usage: 'withdraw consent <id>',
    description: 'Record that the prisoner withdrew consent to mix; the assessment stops (F.17.04).',
    idPrefix: F17_ID_PREFIX,
    card: 'f17.withdraw',
  }),
  idCommand({
    usage: 'disclosure <id>',
    description:
      'The reasons for a mix decision for a Privacy Act request, with restricted information withheld (F.17.05).',
    idPrefix: F17_ID_PREFIX,
    card: 'f17.disclosure',
  }),
];
