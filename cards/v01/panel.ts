import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { v01Stage } from '../../services/workflows/v01/stage';
import { byLine, data, may, notForYou, choicesOf } from '../common';
import { GM, PANEL_RECOMMENDATIONS, PANEL_ROLES, outstandingCore } from '../../services/workflows/v01/model';
import type { V01State } from '../../services/workflows/v01/model';
import { card, execute, facts, refreshFor, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { summaryFacts, top } from './common';
import type { V01Ctx } from './common';

/** Assessments are for the panel, the deciders and the visits staff; others see only who has recorded. */
export function seesAssessments(ctx: V01Ctx): boolean {
  return may(ctx.viewer, [...PANEL_ROLES, ...GM, 'reception-movements-manager'], ctx.app.site);
}

export function panelBlock(ctx: V01Ctx): CardElement[] {
  const p = ctx.app.state.panel;
  if (!p) return [];
  const full = seesAssessments(ctx);
  const outstanding = outstandingCore(ctx.app.state);
  const items: CardElement[] = [
    facts([
      ['Core members', p.coreMembers.map((m) => m.name).join(', ')],
      [
        'Outstanding',
        outstanding.length
          ? outstanding.map((m) => m.name).join(', ')
          : 'None: every core member has recorded',
      ],
    ]),
    text(byLine('Convened by', p.convened), { subtle: true }),
  ];
  for (const entry of Object.values(p.entries)) {
    items.push({
      type: 'Container',
      separator: true,
      items: [
        text(
          `${entry.name} (${entry.member === 'core' ? 'core member' : 'guest'}): ${PANEL_RECOMMENDATIONS[entry.recommendation]}`,
          { weight: 'Bolder' },
        ),
        ...(full
          ? [
              text(entry.assessment),
              ...(entry.suggestedConditions
                ? [text(`Suggested conditions: ${entry.suggestedConditions}`)]
                : []),
            ]
          : []),
        text(byLine('Recorded', entry), { subtle: true, size: 'Small' }),
      ],
    });
  }
  return [section('Advisory panel (V.01.04)', items)];
}

function panelRefreshUsers(s: V01State): string[] {
  return s.panel ? s.panel.coreMembers.map((m) => m.aadObjectId) : [];
}

/**
 * V.01.04.6: each core member records an assessment and a recommendation; guests may. Convening
 * fixes the core members: the bot fills them from the directory's advisory-panel-core holders at
 * the site, so the list never comes from the card.
 */
export function v01PanelCard(ctx: V01Ctx): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app, viewer } = ctx;
  const s = app.state;
  const stage = v01Stage(s);
  const body: CardElement[] = [
    ...top(ctx, 'Child visit: advisory panel'),
    summaryFacts(ctx),
    ...panelBlock(ctx),
  ];
  const actions: CardAction[] = [];
  const refresh = refreshFor(data(ctx, 'v01.panel'), [...panelRefreshUsers(s), viewer.aadObjectId]);
  if (stage === 'panel-convening') {
    if (!may(viewer, [...DESIGNATED_STAFF, ...GM], app.site))
      return card([...body, notForYou([...DESIGNATED_STAFF, ...GM], app.site)]);
    body.push(
      text(
        'Convening sends every core advisory panel member at this site a card to record their assessment and recommendation. The general manager custodial can decide only when all of them have.',
      ),
    );
    actions.push(
      execute('Convene the advisory panel', data(ctx, 'v01.panel', 'v01.convenePanel'), { validate: false }),
    );
    return card(body, actions);
  }
  if (!s.panel) return card([...body, text('Not before the advisory panel.', { subtle: true })]);
  const mine = s.panel.entries[viewer.aadObjectId];
  const open = !s.decision && !s.withdrawn;
  if (mine || !open) return card(body, [], refresh);
  if (!may(viewer, PANEL_ROLES, app.site))
    return card([...body, notForYou(PANEL_ROLES, app.site)], [], refresh);
  const core = s.panel.coreMembers.some((m) => m.aadObjectId === viewer.aadObjectId);
  body.push(
    section(core ? 'Your assessment (core member)' : 'Your assessment (guest member, optional)', [
      text(
        'Consider V.01.03 and the decision making framework for child visits to prisoners with a Child Protection Policy alert (V.01.Res.02).',
        { subtle: true },
      ),
      ...ask.paragraph('assessment', 'Assessment of the application', { required: true, maxLength: 8000 }),
      ...ask.radio('recommendation', 'Recommendation', choicesOf(PANEL_RECOMMENDATIONS), { required: true }),
      ...ask.paragraph('suggestedConditions', 'Suggested conditions (if any)', { maxLength: 2000 }),
    ]),
  );
  actions.push(
    execute('Record my assessment', data(ctx, 'v01.panel', 'v01.recordPanelAssessment'), {
      style: 'positive',
    }),
  );
  return card(body, actions, refresh);
}
