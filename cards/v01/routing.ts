import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { v01Stage } from '../../services/workflows/v01/stage';
import { byLine, data, may, notForYou, choicesOf, recordedSection } from '../common';
import { card, execute, facts, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { summaryFacts, top } from './common';
import type { V01Ctx } from './common';

const ADVICE = choicesOf({
  panel: 'Place it before the advisory panel',
  'no-panel': 'The panel is not needed',
});
/**
 * V.01.02.3 and V.01.04.3.2: a child visitor when the prisoner has no Child Protection Policy
 * alert. Staff check for other signs of risk, consult the reception/movements manager, then send
 * the application to the advisory panel or recommend approve, deny or prohibit.
 */
export function v01RoutingCard(ctx: V01Ctx): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  const staff = may(ctx.viewer, DESIGNATED_STAFF, app.site);
  const body: CardElement[] = [...top(ctx, 'Child visitor: routing'), summaryFacts(ctx)];
  const actions: CardAction[] = [];
  if (s.riskCheck) {
    body.push(
      recordedSection(
        'Other indications of risk to the child (V.01.02.3.1)',
        [text(s.riskCheck.otherRiskSigns)],
        s.riskCheck,
      ),
    );
  }
  if (s.managerConsulted) {
    body.push(
      section('Consultation with the reception/movements manager (V.01.02.3.2)', [
        facts([
          ['Consulted', s.managerConsulted.manager],
          [
            'Advice',
            s.managerConsulted.advice === 'panel'
              ? 'Place before the advisory panel'
              : 'No need for the panel',
          ],
          ['Note', s.managerConsulted.note],
        ]),
        text(byLine('Recorded by', s.managerConsulted), { subtle: true }),
      ]),
    );
  }
  if (s.routing) {
    body.push(
      recordedSection(
        'Routing',
        [
          text(
            s.routing.to === 'panel'
              ? 'Sent to the advisory panel.'
              : `Recommended to the reception/movements manager: ${s.routing.recommendation ?? ''}.`,
            { weight: 'Bolder' },
          ),
          text(s.routing.reasons),
        ],
        s.routing,
      ),
    );
  }
  if (v01Stage(s) !== 'routing') return card(body);
  if (!staff) return card([...body, notForYou(DESIGNATED_STAFF, app.site)]);
  if (!s.riskCheck) {
    body.push(
      ...ask.paragraph(
        'otherRiskSigns',
        'Other indications the prisoner may pose a risk to the child (or “none found”, with what was checked)',
        { required: true },
      ),
    );
    actions.push(execute('Record risk check', data(ctx, 'v01.routing', 'v01.recordRiskCheck')));
  } else if (!s.managerConsulted) {
    body.push(
      ...ask.text('manager', 'Reception/movements manager consulted', { required: true }),
      ...ask.radio('advice', 'Their advice', ADVICE, { required: true }),
      ...ask.paragraph('note', 'Note of the consultation', { required: true, maxLength: 2000 }),
    );
    actions.push(execute('Record consultation', data(ctx, 'v01.routing', 'v01.recordManagerConsulted')));
  } else {
    body.push(...ask.paragraph('reasons', 'Reasons', { required: true }));
    actions.push(execute('Send to the advisory panel', data(ctx, 'v01.routing', 'v01.routeToPanel')));
    if (s.managerConsulted.advice === 'no-panel') {
      for (const [value, title] of [
        ['approve', 'Recommend approve'],
        ['deny', 'Recommend deny'],
        ['prohibit', 'Recommend prohibit'],
      ] as const) {
        actions.push(execute(title, data(ctx, 'v01.routing', 'v01.recommend', { recommendation: value })));
      }
    }
  }
  return card(body, actions);
}
