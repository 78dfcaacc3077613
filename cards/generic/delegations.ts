import type { DelegationRecord } from '../../services/directory/delegation';
import { isActive, periodLabel } from '../../services/directory/delegation';
import { roleLabel } from '../../services/directory/roles';
import { formatNz } from '../../services/time';
import { card, facts, heading, notice, section, text } from '../kit';
import type { AdaptiveCard, CardContext } from '../types';

/** Where a grant stands at `now`, in words. */
function standing(d: DelegationRecord, now: Date): string {
  if (d.revoked) return `Ended early by ${d.revoked.by.name}, ${formatNz(d.revoked.at)}`;
  if (isActive(d, now)) return 'In force';
  return d.from.getTime() > now.getTime() ? `Begins ${formatNz(d.from)}` : 'Ended';
}

function grantSection(d: DelegationRecord, now: Date): ReturnType<typeof section> {
  return section(`${d.delegateName}, acting ${roleLabel(d.role)} at ${d.site}`, [
    facts([
      ['Cover', d._id],
      ['Period', periodLabel(d)],
      [
        'Given by',
        `${d.grantedBy.name} (${d.grantedAs === 'admin' ? 'admin' : roleLabel(d.role)}), ${formatNz(d.grantedAt)}`,
      ],
      ['Now', standing(d, now)],
    ]),
    ...(d.revoked || d.until.getTime() <= now.getTime()
      ? []
      : [text(`To end it early: revoke cover ${d._id}`, { subtle: true })]),
  ]);
}

/** One grant, as given or ended. */
export function delegationCard(
  title: string,
  d: DelegationRecord,
  now: Date,
  n?: CardContext['notice'],
): AdaptiveCard {
  return card([...heading(title), ...notice(n), grantSection(d, now)]);
}

/** Acting cover the asker may see that has not ended. */
export function delegationListCard(list: DelegationRecord[], now: Date): AdaptiveCard {
  return card([
    ...heading('Acting cover', 'Who may act in a role they do not hold, where, and until when.'),
    ...(list.length === 0
      ? [text('No acting cover at your sites has been given, or all of it has ended.')]
      : list.map((d) => grantSection(d, now))),
    text(
      'Give cover: delegate <role> to <person> at <site> until <date>. Everything done under it is recorded as "<name>, acting <role>".',
      { subtle: true },
    ),
  ]);
}
