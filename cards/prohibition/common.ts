import { groundTitle } from '../../services/policy/v01';
import { formatNz } from '../../services/time';
import { prohibitionEnds } from '../../services/workflows/prohibition/expiry';
import {
  ORDER_STAGE_LABELS,
  SCOPE_LABELS,
  currentTerms,
  isProhibitionInForce,
  orderStage,
} from '../../services/workflows/prohibition/model';
import type { ProhibitionReview, V01PState } from '../../services/workflows/prohibition/model';
import { banner, byLine, day } from '../common';
import { facts, heading, notice, text } from '../kit';
import type { CardContext, CardElement } from '../types';

export type V01PCtx = CardContext<V01PState>;

export function top(ctx: V01PCtx, title: string): CardElement[] {
  const out = [...heading(title, `${ctx.app.title} · ${ctx.app._id}`), ...notice(ctx.notice)];
  const t = currentTerms(ctx.app.state);
  if (t) {
    out.push(
      isProhibitionInForce(ctx.app.state, ctx.now)
        ? banner(
            `In force until the close of ${day(t.expiresOn)} (${formatNz(prohibitionEnds(t.expiresOn))}).`,
          )
        : banner(
            t.reversed
              ? 'Reversed on review: not in force.'
              : `Expired at the close of ${day(t.expiresOn)}: the visitor may reapply.`,
            'good',
          ),
    );
  }
  return out;
}

export function orderFacts(ctx: V01PCtx): CardElement {
  const o = ctx.app.state.order;
  const t = currentTerms(ctx.app.state);
  return facts([
    ['Order', ctx.app._id],
    [
      'Visitor',
      o
        ? `${o.visitor.name}, born ${day(o.visitor.dateOfBirth)}${o.visitor.minor ? ' — Minor' : ''}`
        : undefined,
    ],
    ['Guardian', o?.guardian?.name],
    [
      'Covers',
      t
        ? t.scope === 'prison'
          ? `${SCOPE_LABELS.prison}, ${ctx.app.site}`
          : t.prisoners.map((p) => `${p.name} (${p.id})`).join(', ')
        : undefined,
    ],
    ['Grounds', o ? o.grounds.map(groundTitle).join('; ') : undefined],
    ['Expires', t ? `Close of ${day(t.expiresOn)}` : undefined],
    ['Signed', o ? `${o.signed.by}, ${formatNz(new Date(o.signed.at))}` : undefined],
    ['Related application', o?.relatedApplicationId],
    ['Stage', ORDER_STAGE_LABELS[orderStage(ctx.app.state)]],
  ]);
}

export function reviewFacts(r: ProhibitionReview): CardElement[] {
  return [
    facts([
      ['Applicant', `${r.applicantName} (${r.applicant})`],
      ['Received', day(r.receivedOn)],
      ['Reasons given', r.reasons],
      ['Outcome', r.result ? r.result.outcome : undefined],
      ['Chief Inspector’s reasons', r.result?.reasons],
    ]),
    text(byLine('Recorded by', r.recorded), { subtle: true }),
    ...(r.result ? [text(byLine('Reviewed by', r.result), { subtle: true })] : []),
  ];
}
