import { processChatCommands } from '../../workflow/chat';
import { PROHIBITION_KIND } from './model';

export const ID_PREFIX = 'PRO';

export const chatCommands = processChatCommands(
  { kind: PROHIBITION_KIND, idPrefix: ID_PREFIX },
  { usage: 'new prohibition order', description: 'Issue a visitor prohibition order (V.01.08).' },
  {
    'request review <id>': [
      'v01p.review',
      'Record a written application to the Chief Inspector to review a prohibition order (PRO-…).',
    ],
    'notices <id>': [
      'v01p.order',
      'The order and its copies for a prohibition order (PRO-…), to print or send and mark as given.',
    ],
  },
);
