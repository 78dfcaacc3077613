import { processChatCommands } from '../../workflow/chat';
import { V01_KIND } from './model';

export const ID_PREFIX = 'VIS';

export const chatCommands = processChatCommands(
  { kind: V01_KIND, idPrefix: ID_PREFIX },
  { usage: 'new visitor application', description: 'Record a prisoner’s nomination of a visitor (V.01).' },
  {
    'request review <id>': ['v01.review', 'Record a request to review a visit decision (VIS-…).'],
    'restriction <id>': [
      'v01.restriction',
      'The contact restriction on a visitor application (VIS-…): record the protected person’s contact, a court exemption, or a new order or condition (after an approval it suspends it).',
    ],
    'notices <id>': [
      'v01.notices',
      'The letters and notices for a visitor application (VIS-…), to print or send and mark as given.',
    ],
  },
);
