import type { ChatCommandSpec, ChatIntent } from '../../workflow/types';

/** An application id as people type it: MIX-2026-00042 (any case, optional surrounding spaces). */
const ID = '(MIX-\\d{4}-\\d{1,6})';

function idCommand(prefix: string, card: string): (text: string) => ChatIntent | null {
  const re = new RegExp(`^${prefix}\\s+${ID}$`, 'i');
  return (text) => {
    const m = re.exec(text.trim());
    return m?.[1] ? { kind: 'card', card, applicationId: m[1].toUpperCase() } : null;
  };
}

export const chatCommands: ChatCommandSpec[] = [
  {
    usage: 'new mix assessment',
    description: 'Start a suitability to mix assessment for an accused prisoner and one programme (F.17).',
    match: (text) =>
      /^new\s+mix\s+assessment$/i.test(text.trim()) ? { kind: 'start', workflow: 'F17' } : null,
  },
  {
    usage: 'withdraw consent <id>',
    description: 'Record that the prisoner withdrew consent to mix; the assessment stops (F.17.04).',
    match: idCommand('withdraw\\s+consent', 'f17.withdraw'),
  },
  {
    usage: 'disclosure <id>',
    description:
      'The reasons for a mix decision for a Privacy Act request, with restricted information withheld (F.17.05).',
    match: idCommand('disclosure', 'f17.disclosure'),
  },
];
