import { facilitatorLabel } from '../../services/workflows/f17/model';
import { card, facts, heading, text, when } from '../kit';
import type { AdaptiveCard } from '../types';
import type { F17CardContext } from './common';
import { day } from './common';

/** F.17.03: the site's scheduling coordinator is told the prisoner can now be scheduled. */
export function f17SchedulingCard(ctx: F17CardContext): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
  const d = s.details;
  const programme = d?.programmeName ?? 'the programme';
  if (s.decision?.outcome !== 'approved') {
    return card([
      ...heading('Suitability to mix', app._id),
      text(`${app.prisonerName} (${app.prisonerId}) has not been approved to mix for ${programme}.`),
    ]);
  }
  return card([
    ...heading(`${app.prisonerName} can now be scheduled for ${programme}`, app._id),
    text(
      'The general manager custodial approved this accused prisoner to mix with sentenced or convicted prisoners for this programme only.',
    ),
    facts([
      ['Prisoner', `${app.prisonerName} (${app.prisonerId})`],
      ['Programme', d ? `${d.programmeName} (${d.programmeKind})` : undefined],
      ['Location', d ? `${d.location}, ${app.site}` : app.site],
      ['Facilitator', d ? facilitatorLabel(d.facilitator) : undefined],
      ['Participants', d ? String(d.participants) : undefined],
      ['Next court date', d ? day(d.courtDate) : undefined],
      ['Approved', `${when(s.decision.by.at) ?? ''} by ${s.decision.by.name}`],
    ]),
  ]);
}
