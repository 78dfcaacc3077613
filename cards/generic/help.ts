import { card, execute, heading, notice, section, text } from '../kit';
import type { AdaptiveCard, CardContext } from '../types';

export interface HelpEntry {
  usage: string;
  description: string;
}

/** The commands the bot understands, grouped; shown for `help` and for anything it does not understand. */
export function helpCard(
  groups: Array<{ title: string; entries: HelpEntry[] }>,
  n?: CardContext['notice'],
): AdaptiveCard {
  return card(
    [
      ...heading('Tautoko', 'Assessments and approvals for F.17, C.07 and V.01, in Teams.'),
      ...notice(n),
      ...groups.map((g) =>
        section(
          g.title,
          [
            {
              type: 'FactSet',
              facts: g.entries.map((e) => ({ title: e.usage, value: e.description })),
            },
          ],
          { separator: true },
        ),
      ),
      text('Type a command in this chat. Ids look like MIX-2026-00042.', { subtle: true }),
    ],
    [execute('My tasks', { card: 'generic.mytasks' }, { validate: false, verb: 'myTasks' })],
  );
}
