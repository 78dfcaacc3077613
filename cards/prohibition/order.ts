import { DESIGNATED_STAFF, MANAGER_DECIDERS } from '../../services/policy/v01';
import { orderReviewText, orderText } from '../../services/workflows/prohibition/letters';
import { currentTerms, orderNotices } from '../../services/workflows/prohibition/model';
import { byLine, data, may, notForYou, recordedOr } from '../common';
import { card, execute, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import { deliveryChoices } from '../visitor';
import { orderFacts, top } from './common';
import type { V01PCtx } from './common';

/** V.01.08.2–4 and V.01.09.7: the order's text and each copy to give, with "mark given". */
export function orderCard(ctx: V01PCtx): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  const roles = [...DESIGNATED_STAFF, ...MANAGER_DECIDERS];
  const staff = may(ctx.viewer, roles, app.site);
  const body: CardElement[] = [
    ...top(ctx, 'Visitor prohibition order'),
    orderFacts(ctx),
    section('Visitor’s order', [text(orderText(app, 'visitor'), { size: 'Small' })]),
    ...(currentTerms(s)?.prisoners.length
      ? [section('Prisoner’s copy (no address)', [text(orderText(app, 'prisoner'), { size: 'Small' })])]
      : []),
  ];
  for (const r of s.reviews)
    if (r.result)
      body.push(section(`Review ${r.n} result`, [text(orderReviewText(app, r.n), { size: 'Small' })]));
  const list = orderNotices(s);
  if (staff && list.some((n) => !s.notices[n.key]))
    body.push(...ask.choice('method', 'How it was given', deliveryChoices));
  for (const n of list) {
    const given = s.notices[n.key];
    body.push(
      section(
        `${n.form} — ${n.recipient}`,
        recordedOr(
          given && byLine('Recorded by', given),
          staff
            ? execute('Mark given', data(ctx, 'v01p.order', 'v01p.recordNoticeGiven', { notice: n.key }))
            : undefined,
          'Not given yet.',
        ),
      ),
    );
  }
  if (!staff) body.push(notForYou(roles, app.site));
  return card(body);
}
