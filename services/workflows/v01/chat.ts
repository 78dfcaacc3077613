import type { ChatCommandSpec, ChatIntent } from '../../workflow/types';

const ID = '((?:VIS|PRO)-\\d{4}-\\d{1,6})';

/** Which card a V.01 id opens: VIS ids are visitor applications, PRO ids prohibition orders. */
function cardFor(id: string, application: string, order: string): ChatIntent {
  return { kind: 'card', card: id.startsWith('PRO-') ? order : application, applicationId: id };
}

function idCommand(verb: string, application: string, order: string): (text: string) => ChatIntent | null {
  const re = new RegExp(`^${verb}\\s+${ID}$`, 'i');
  return (text) => {
    const m = re.exec(text.trim());
    return m?.[1] ? cardFor(m[1].toUpperCase(), application, order) : null;
  };
}

export const v01ChatCommands: ChatCommandSpec[] = [
  {
    usage: 'new visitor application',
    description: 'Record a prisoner’s nomination of a visitor (V.01).',
    match: (text) =>
      /^new visitor application$/i.test(text.trim()) ? { kind: 'start', workflow: 'V01' } : null,
  },
  {
    usage: 'request review <id>',
    description: 'Record a request to review a visit decision (VIS-…) or a prohibition order (PRO-…).',
    match: idCommand('request review', 'v01.review', 'v01p.review'),
  },
  {
    usage: 'notices <id>',
    description:
      'The letters and notices for a visitor application or prohibition order, to print or send and mark as given.',
    match: idCommand('notices', 'v01.notices', 'v01p.order'),
  },
];

export const v01pChatCommands: ChatCommandSpec[] = [
  {
    usage: 'new prohibition order',
    description: 'Issue a visitor prohibition order (V.01.08).',
    match: (text) =>
      /^new prohibition order$/i.test(text.trim()) ? { kind: 'start', workflow: 'V01P' } : null,
  },
];
