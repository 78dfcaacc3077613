import { STAGE_LABELS, v01Stage } from '../../services/workflows/v01/stage';
import { pendingFollowUps, requiredFollowUps, requiredNotices } from '../../services/workflows/v01/followUps';
import { standingSummary } from '../../services/workflows/v01/letters';
import { banner, countdown, data, timeline } from '../common';
import { openReview } from '../../services/workflows/v01/model';
import { EVENT_LABELS, eventDetail } from '../../services/workflows/v01/evolve';
import { card, execute, facts, section, text } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { summaryFacts, top } from './common';
import type { V01Ctx } from './common';
import { decisionBlock } from './decision';
import { panelBlock } from './panel';
import { openInTautoko } from '../links';

/** `status <id>` for a visitor application. */
export function v01StatusCard(ctx: V01Ctx): AdaptiveCard {
  const s = ctx.app.state;
  const stage = v01Stage(s);
  const body: CardElement[] = [...top(ctx, 'Visitor application'), summaryFacts(ctx)];
  const open = openReview(s);
  if (open) {
    const c = countdown(ctx.now, new Date(open.dueAt));
    body.push(
      banner(
        `Review ${open.n} with the Director Office of the Commissioner Custodial Services: ${c.text}`,
        c.tone,
      ),
    );
  }
  const pending = new Set(pendingFollowUps(s));
  const outstanding = [
    ...requiredNotices(s, ctx.app.prisonerName)
      .filter((n) => pending.has(n.key))
      .map((n) => `${n.form} → ${n.recipient}`),
    ...requiredFollowUps(s)
      .filter((f) => pending.has(f.key))
      .map((f) => f.label),
  ];
  body.push(facts([['Decision now', standingSummary(s)]]));
  if (outstanding.length)
    body.push(
      section(
        'Still to do',
        outstanding.map((o) => text(`• ${o}`)),
      ),
    );
  body.push(...panelBlock(ctx), ...decisionBlock(ctx));
  if (s.withdrawn) body.push(section('Closed without a decision', [text(s.withdrawn.reason)]));
  body.push(...timeline(ctx.history, EVENT_LABELS, eventDetail));
  const actions: CardAction[] = [];
  const next: Partial<Record<typeof stage, [string, string]>> = {
    restricted: ['Contact restriction', 'v01.restriction'],
    'oranga-tamariki': ['Checklist', 'v01.checklist'],
    forms: ['Checklist', 'v01.checklist'],
    'awaiting-application': ['Checklist', 'v01.checklist'],
    checks: ['Checklist', 'v01.checklist'],
    routing: ['Routing', 'v01.routing'],
    'panel-convening': ['Advisory panel', 'v01.panel'],
    panel: ['Advisory panel', 'v01.panel'],
    'gm-decision': ['Decision', 'v01.decision'],
    'in-person-panel': ['Decision', 'v01.decision'],
    'manager-decision': ['Decision', 'v01.decision'],
    'follow-up': ['Notices', 'v01.notices'],
    review: ['Review', 'v01.review'],
  };
  const go = next[stage];
  if (go) actions.push(execute(`Open: ${go[0]}`, data(ctx, go[1]), { validate: false }));
  if (s.decision) actions.push(execute('Notices', data(ctx, 'v01.notices'), { validate: false }));
  body.push(text(`Stage: ${STAGE_LABELS[stage]}`, { subtle: true }));
  return card(body, [...actions, ...openInTautoko(ctx)]);
}
