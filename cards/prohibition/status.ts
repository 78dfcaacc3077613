import { EVENT_LABELS, eventDetail } from '../../services/workflows/prohibition/evolve';
import { data, timeline } from '../common';
import { card, execute, section } from '../kit';
import { openInTautoko } from '../links';
import type { AdaptiveCard, CardElement } from '../types';
import { orderFacts, reviewFacts, top } from './common';
import type { V01PCtx } from './common';

/** `status <id>` for a prohibition order: in force or not, now, in NZ time. */
export function statusCard(ctx: V01PCtx): AdaptiveCard {
  const s = ctx.app.state;
  const body: CardElement[] = [...top(ctx, 'Visitor prohibition order'), orderFacts(ctx)];
  s.reviews.forEach((r) => body.push(section(`Review ${r.n}`, reviewFacts(r))));
  body.push(...timeline(ctx.history, EVENT_LABELS, eventDetail));
  return card(body, [
    execute('Order and copies', data(ctx, 'v01p.order'), { validate: false }),
    execute('Review', data(ctx, 'v01p.review'), { validate: false }),
    ...openInTautoko(ctx),
  ]);
}
