import { processChatCommands } from '../../workflow/chat';

/** A hui's id prefix, as people type it: HUI-2026-00042 (any case). */
export const ID_PREFIX = 'HUI';

export const chatCommands = processChatCommands(
  { kind: 'C07', idPrefix: ID_PREFIX },
  {
    usage: 'new hui',
    description:
      'Organise a support hui (C.07): whānau, reintegration, support planning, restorative justice, family group conference or another agency’s hui.',
  },
  {
    'cancel hui <id>': [
      'c07.cancel',
      'Cancel a support hui, with a reason; everyone already told is told again.',
    ],
    'reschedule hui <id>': [
      'c07.reschedule',
      'Move a support hui to a new date or time; a signed-off hui goes back for sign-off.',
    ],
  },
);
