import { idCommand, startCommand } from '../../../services/workflow/chat';
import type { ChatCommandSpec } from '../../../services/workflow/types';
import { EXAMPLE_KIND, ID_PREFIX } from './model';

export const chatCommands: ChatCommandSpec[] = [
  startCommand({
    usage: 'new example request',
    description: 'Ask for something (example).',
    kind: EXAMPLE_KIND,
  }),
  idCommand({
    usage: 'example request <id>',
    description: 'An example request (REQ-…) and its decision.',
    idPrefix: ID_PREFIX,
    card: 'x01.status',
  }),
];
