import { delegationCard, delegationListCard } from '../cards/generic/delegations';
import type { AdaptiveCard } from '../cards/types';
import type { Clock } from '../services/clock';
import { DelegationAdmin } from '../services/directory/delegationAdmin';
import type { GrantAsk } from '../services/directory/delegationAdmin';
import type { Actor } from '../services/directory/person';
import { roleLabel } from '../services/directory/roles';
import type { Store } from '../services/store/types';

/** Acting cover in chat (services/directory/delegation.ts has the rules). */
export type DelegationCommand =
  { op: 'grant'; ask: GrantAsk } | { op: 'revoke'; id: string } | { op: 'list' };

export const DELEGATION_COMMANDS = [
  {
    usage: 'delegate <role> to <person> at <site> until <date>',
    description:
      'Acting cover: let someone act as <role> at <site> until the end of <date> (add "from <date>" to begin later). For an admin of the site or a holder of the role there; never admin.',
  },
  { usage: 'acting cover', description: 'Acting cover at your sites, and yours, that has not ended' },
  { usage: 'revoke cover <id>', description: 'End acting cover early (DEL-2026-00001)' },
];

const GRANT = /^delegate\s+(.+?)\s+to\s+(.+?)\s+at\s+(.+?)(?:\s+from\s+(\S+))?\s+until\s+(\S+)$/i;

/** The acting-cover command a line of chat is, or null. */
export function parseDelegationCommand(text: string): DelegationCommand | null {
  const lower = text.toLowerCase();
  if (lower === 'acting cover' || lower === 'delegations') return { op: 'list' };
  const revoke = /^(?:revoke|end)\s+(?:cover|delegation)\s+(\S+)$/i.exec(text);
  if (revoke) return { op: 'revoke', id: revoke[1]! };
  const m = GRANT.exec(text);
  if (!m) return null;
  const [, role, who, site, from, until] = m;
  return {
    op: 'grant',
    ask: { role: role!, who: who!, site: site!, until: until!, ...(from ? { from } : {}) },
  };
}

/** Carries out an acting-cover command and draws the answer for the asker. Throws DomainError. */
export async function runDelegationCommand(
  deps: { store: Store; clock: Clock },
  command: DelegationCommand,
  actor: Actor,
  origin: { activityId: string; correlationId: string },
): Promise<AdaptiveCard> {
  const admin = new DelegationAdmin(deps.store, deps.clock);
  const now = deps.clock.now();
  switch (command.op) {
    case 'list':
      return delegationListCard(await admin.list(actor), now);
    case 'grant': {
      const d = await admin.grant(actor, command.ask, origin);
      return delegationCard('Acting cover given', d, now, {
        text: `${d.delegateName} may act as ${roleLabel(d.role)} at ${d.site}; they have been told.`,
        tone: 'good',
      });
    }
    case 'revoke': {
      const d = await admin.revoke(actor, command.id, origin);
      return delegationCard('Acting cover ended', d, now, {
        text: `${d.delegateName} no longer acts under ${d._id}.`,
        tone: 'good',
      });
    }
  }
}
