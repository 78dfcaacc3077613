import { idCommand, startCommand } from '../../workflow/chat';
import type { ChatCommandSpec } from '../../workflow/types';
import { PROHIBITION_KIND } from './model';

export const ID_PREFIX = 'PRO';

export const chatCommands: ChatCommandSpec[] = [
  startCommand({
    usage: 'new prohibition order',
    description: 'Issue a visitor prohibition order (V.01.08).',
    kind: PROHIBITION_KIND,
  }),
  idCommand({
    usage: 'request review <id>',
    description: 'Record a written application to the Chief Inspector to review a prohibition order (PRO-…).',
    idPrefix: ID_PREFIX,
    card: 'v01p.review',
  }),
  idCommand({
    usage: 'notices <id>',
    description:
      'The order and its copies for a prohibition order (PRO-…), to print or send and mark as given.',
    idPrefix: ID_PREFIX,
    card: 'v01p.order',
  }),
];
