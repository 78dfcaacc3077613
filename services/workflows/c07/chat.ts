import type { ChatCommandSpec } from '../../workflow/types';

/** A hui id as people type it: HUI-2026-00042 (any case). */
const ID = '(HUI-\\d{4}-\\d{5,})';

function cardCommand(verb: string, card: string, description: string): ChatCommandSpec {
  const re = new RegExp(`^${verb}\\s+hui\\s+${ID}$`, 'i');
  return {
    usage: `${verb} hui <id>`,
    description,
    match(text) {
      const m = re.exec(text.trim());
      return m?.[1] ? { kind: 'card', card, applicationId: m[1].toUpperCase() } : null;
    },
  };
}

export const chatCommands: ChatCommandSpec[] = [
  {
    usage: 'new hui',
    description:
      'Organise a support hui (C.07): whānau, reintegration, support planning, restorative justice, family group conference or another agency’s hui.',
    match: (text) => (/^new\s+hui$/i.test(text.trim()) ? { kind: 'start', workflow: 'C07' } : null),
  },
  cardCommand(
    'cancel',
    'c07.cancel',
    'Cancel a support hui, with a reason; everyone already told is told again.',
  ),
  cardCommand(
    'reschedule',
    'c07.reschedule',
    'Move a support hui to a new date or time; a signed-off hui goes back for sign-off.',
  ),
];
