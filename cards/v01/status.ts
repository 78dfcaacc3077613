import {
  STAGE_LABELS,
  openReview,
  pendingFollowUps,
  requiredFollowUps,
  requiredNotices,
  v01Stage,
} from '../../services/workflows/v01/model';
import { standingSummary } from '../../services/workflows/v01/notices';
import type { AuditEvent } from '../../services/store/types';
import { card, execute, facts, section, sectionsDetail, text, timelineDetail, when } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { banner, data, summaryFacts, top } from './common';
import type { V01Ctx } from './common';
import { decisionBlock } from './decision';
import { panelBlock } from './panel';
import { countdown } from './review';
import { openInTautoko } from '../links';

export const V01_EVENT_LABELS: Record<string, string> = {
  'v01.started': 'Nomination recorded',
  'v01.protectedPersonContacted': 'Protected person contacted the prison',
  'v01.courtExemptionRecorded': 'Court exemption recorded',
  'v01.restrictionUpdated': 'Contact restriction changed',
  'v01.cppAlertRecorded': 'Child Protection Policy alert recorded',
  'v01.orangaTamarikiChecked': 'Oranga Tamariki care answered',
  'v01.formsSent': 'Forms sent',
  'v01.applicationReceived': 'Completed application received',
  'v01.checked': 'Check recorded',
  'v01.riskChecked': 'Other risks to the child checked',
  'v01.managerConsulted': 'Reception/movements manager consulted',
  'v01.routed': 'Routed',
  'v01.panelConvened': 'Advisory panel convened',
  'v01.panelAssessed': 'Panel assessment recorded',
  'v01.responseOffered': 'Applicant given a chance to respond',
  'v01.responseRecorded': 'Applicant’s response recorded',
  'v01.referredInPerson': 'Referred to an in-person panel',
  'v01.decided': 'Decided',
  'v01.noticeGiven': 'Notice given',
  'v01.followUpRecorded': 'Follow-up recorded',
  'v01.reviewRequested': 'Review requested',
  'v01.reviewDecided': 'Review outcome recorded',
  'v01.withdrawn': 'Closed without a decision',
};

/** Event detail that is safe in a timeline: names of steps and outcomes, never assessments or reasons. */
function detail(e: AuditEvent): string {
  const p = e.payload;
  if (e.type === 'v01.checked' && typeof p['item'] === 'string') return `: ${p['item']}`;
  if (e.type === 'v01.routed') return `: ${String(p['to'])}`;
  if (e.type === 'v01.decided' || e.type === 'v01.reviewDecided') return `: ${String(p['outcome'])}`;
  if (e.type === 'v01.noticeGiven') return `: ${String(p['notice'])}`;
  if (e.type === 'v01.followUpRecorded') return `: ${String(p['item'])}`;
  return '';
}

export function timeline(
  events: AuditEvent[] | undefined,
  labels: Record<string, string>,
  detailOf: (e: AuditEvent) => string,
): CardElement[] {
  return timelineDetail(
    (events ?? []).map((e): [string, string] => [
      when(e.at) ?? '',
      `${labels[e.type] ?? e.type}${detailOf(e)} (${e.actor.name})`,
    ]),
  );
}

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
  body.push(...decisionBlock(ctx));
  if (s.withdrawn) body.push(section('Closed without a decision', [text(s.withdrawn.reason)]));
  body.push(...sectionsDetail(panelBlock(ctx)), ...timeline(ctx.history, V01_EVENT_LABELS, detail));
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
