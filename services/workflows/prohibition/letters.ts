import { GROUNDS, bullets, letterDay as day } from '../../policy/v01';
import type { ApplicationDoc } from '../../workflow/domain';
import { formatNz } from '../../time';
import { prohibitionEnds } from './expiry';
import { SCOPE_LABELS, currentTerms } from './model';
import type { ReviewOutcome, V01PState } from './model';

/**
 * V.01.Form.01.13 text: who, which prisoners or the whole prison, why, and for how long. The copy
 * given to a prisoner (V.01.08.3.2) carries no address and no guardian: only the visitor's name.
 */
export function orderText(app: ApplicationDoc<V01PState>, copyFor: 'visitor' | 'prisoner'): string {
  const o = app.state.order;
  const t = currentTerms(app.state);
  if (!o || !t) return '';
  const who =
    t.scope === 'prison'
      ? `any prisoner at ${o.site}, and entry to the prison and all prison property including car-parks`
      : bullets(t.prisoners.map((p) => `${p.name} (${p.id})`));
  return [
    `Visitor Prohibition Order (V.01.Form.01.13) — ${app._id}`,
    '',
    copyFor === 'prisoner'
      ? `Copy for the prisoner: the order given to the visitor ${o.visitor.name}`
      : `To: ${o.guardian ? `${o.guardian.name}, guardian of ${o.visitor.name}, ${o.guardian.address}` : `${o.visitor.name}, ${o.visitor.address}`}`,
    ...(copyFor === 'prisoner' ? [] : [`Date of birth of the visitor: ${day(o.visitor.dateOfBirth)}`]),
    '',
    `You are prohibited from visiting ${t.scope === 'prison' ? who : `these prisoners at ${o.site}:\n${who}`}`,
    '',
    'Reasons:',
    bullets(o.grounds.map((g) => GROUNDS[g].notice)),
    '',
    o.reasons,
    '',
    `This order is in force from when it was signed (${formatNz(new Date(o.signed.at))}) until the close of ${day(t.expiresOn)} (${formatNz(prohibitionEnds(t.expiresOn))}, New Zealand time). After it expires you may apply again for approval to visit.`,
    '',
    'You (or, for a visitor under 18, their guardian) and any prisoner given a copy of this order may apply in writing to the Chief Inspector of Corrections for a review, stating the reasons.',
    '',
    `Signed: ${o.signed.name}, ${o.site}`,
  ].join('\n');
}

const REVIEW_RESULT: Record<ReviewOutcome, string> = {
  refuse:
    'the Chief Inspector declined to review the order: the reasons are substantially the same as an earlier review and nothing material has changed',
  reverse: 'the order is reversed and no longer in force',
  modify: 'the order is modified',
  confirm: 'the order is confirmed',
};

/** The Chief Inspector's result, in writing to the visitor and the prisoners named (V.01.09.7). */
export function orderReviewText(app: ApplicationDoc<V01PState>, n: number): string {
  const r = app.state.reviews.find((x) => x.n === n);
  if (!r?.result) return '';
  const t = r.result.terms;
  const lines = [
    `Review ${n} of visitor prohibition order ${app._id} (application from ${r.applicantName}, received ${day(r.receivedOn)}).`,
    `Outcome: ${REVIEW_RESULT[r.result.outcome]}.`,
  ];
  if (!t.reversed && r.result.outcome !== 'refuse') {
    lines.push(
      `The order covers: ${t.scope === 'prison' ? SCOPE_LABELS.prison : t.prisoners.map((p) => `${p.name} (${p.id})`).join(', ')}.`,
    );
    lines.push(`It is in force until the close of ${day(t.expiresOn)} (New Zealand time).`);
  }
  lines.push('', r.result.reasons, '', 'Chief Inspector of Corrections');
  return lines.join('\n');
}
