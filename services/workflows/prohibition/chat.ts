import { idCommand, startCommand } from '../../workflow/chat';
import type { ChatCommandSpec } from '../../workflow/types';
import { PROHIBITION_KIND } from './model';

export const ID_PREFIX = 'PRO';

export const chatCommands: ChatCommandSpec[] = [
  startCommand('new prohibition order', 'Issue a visitor prohibition order (V.01.08).', PROHIBITION_KIND),
  {
    usage: 'request review <id>',
    description: 'Record a written application to the Chief Inspector to review a prohibition order (PRO-…).',
    match: idCommand('request review', ID_PREFIX, 'v01p.review'),
  },
  {
    usage: 'notices <id>',
    description:
      'The order and its copies for a prohibition order (PRO-…), to print or send and mark as given.',
    match: idCommand('notices', ID_PREFIX, 'v01p.order'),
  },
];
