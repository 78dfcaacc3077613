import { idCommand, startCommand } from '../../workflow/chat';
import type { ChatCommandSpec } from '../../workflow/types';
import { V01_KIND } from './model';

export const ID_PREFIX = 'VIS';

export const chatCommands: ChatCommandSpec[] = [
  startCommand('new visitor application', 'Record a prisoner’s nomination of a visitor (V.01).', V01_KIND),
  {
    usage: 'request review <id>',
    description: 'Record a request to review a visit decision (VIS-…).',
    match: idCommand('request review', ID_PREFIX, 'v01.review'),
  },
  {
    usage: 'notices <id>',
    description:
      'The letters and notices for a visitor application (VIS-…), to print or send and mark as given.',
    match: idCommand('notices', ID_PREFIX, 'v01.notices'),
  },
];
