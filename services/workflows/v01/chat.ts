import { idCommand, startCommand } from '../../workflow/chat';
import type { ChatCommandSpec } from '../../workflow/types';
import { V01_KIND } from './model';

export const ID_PREFIX = 'VIS';

export const chatCommands: ChatCommandSpec[] = [
  startCommand({
    usage: 'new visitor application',
    description: 'Record a prisoner’s nomination of a visitor (V.01).',
    kind: V01_KIND,
  }),
  idCommand({
    usage: 'request review <id>',
    description: 'Record a request to review a visit decision (VIS-…).',
    idPrefix: ID_PREFIX,
    card: 'v01.review',
  }),
  idCommand({
    usage: 'restriction <id>',
    description:
      'The contact restriction on a visitor application (VIS-…): record the protected person’s contact, a court exemption, or a new order or condition (after an approval it suspends it).',
    idPrefix: ID_PREFIX,
    card: 'v01.restriction',
  }),
  idCommand({
    usage: 'notices <id>',
    description:
      'The letters and notices for a visitor application (VIS-…), to print or send and mark as given.',
    idPrefix: ID_PREFIX,
    card: 'v01.notices',
  }),
];
