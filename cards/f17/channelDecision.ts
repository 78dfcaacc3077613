import { facilitatorLabel } from '../../services/workflows/f17/model';
import { card, facts, heading, when } from '../kit';
import type { AdaptiveCard } from '../types';
import type { F17CardContext } from './common';
import { openInTautoko } from '../links';
import { statusToChatButton } from '../statusButtons';

/**
 * The post in the site's custodial-decisions channel. It is read by everyone in the channel, so
 * it carries the outcome only: no section answers, no reasons, nothing from intelligence.
 */
export function f17ChannelDecisionCard(ctx: F17CardContext): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
  const d = s.details;
  const decision = s.decision;
  const outcome = decision
    ? decision.outcome === 'approved'
      ? 'Approved'
      : 'Declined'
    : s.withdrawal
      ? 'Consent withdrawn'
      : 'Not decided yet';
  return card(
    [
      ...heading(`Suitability to mix: ${outcome}`, app._id),
      facts([
        ['Prisoner', `${app.prisonerName} (${app.prisonerId})`],
        ['Programme', d ? `${d.programmeName} (${d.programmeKind})` : undefined],
        ['Location', d ? `${d.location}, ${app.site}` : app.site],
        ['Facilitator', d ? facilitatorLabel(d.facilitator) : undefined],
        ['Decided by', decision ? `${decision.by.name}, general manager custodial` : undefined],
        ['Decided at', decision ? when(decision.by.at) : undefined],
      ]),
    ],
    [statusToChatButton(app), ...openInTautoko(ctx)],
  );
}
