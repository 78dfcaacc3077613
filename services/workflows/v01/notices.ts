import type { ApplicationDoc } from '../../store/types';
import { formatNz, nzLocalToUtc } from '../../time';
import {
  CONDITIONS,
  GROUNDS,
  OUTCOME_LABELS,
  REVIEW_OUTCOMES,
  isSpecifiedFamily,
  requiredNotices,
  standingDecision,
  visitorRecipient,
} from './model';
import type { Decision, V01State } from './model';
import { SCOPE_LABELS, currentTerms, prohibitionEnds } from './prohibition';
import type { V01PState } from './prohibition';
import { declineReasonLines } from './letterGrounds';

/**
 * The words of each letter the bot prepares for staff to print on letterhead or send. Reasons
 * are built from the fixed V.01.03 wordings, never from assessments or checks, so nothing
 * private about the prisoner or any victim can leak into them; the decider's optional extra
 * words for the visitor are only included once they confirmed those hold nothing private.
 */

const REVIEW_ADDRESS =
  'Director Office of the Commissioner Custodial Services, by email to custodialdirectorate@corrections.govt.nz, ' +
  'or by post to Department of Corrections, Private Box 1206, Wellington 6140, or by handing the form to prison staff';

function day(d: string): string {
  const at = nzLocalToUtc(d, '12:00');
  return at ? formatNz(at, false) : d;
}

export function conditionsText(d: Pick<Decision, 'conditions' | 'conditionsOther'>): string[] {
  return [...d.conditions.map((c) => CONDITIONS[c]), ...(d.conditionsOther ? [d.conditionsOther] : [])];
}

function bullets(lines: string[]): string {
  return lines.map((l) => `- ${l}`).join('\n');
}

function visitorLetter(app: ApplicationDoc<V01State>): string {
  const s = app.state;
  const n = s.nomination;
  const d = s.decision;
  if (!n || !d) return '';
  const child = n.visitorType === 'private-child';
  const subject = child
    ? `the application for ${n.visitor.name} to visit ${app.prisonerName}`
    : `your application to visit ${app.prisonerName}`;
  const lines: string[] = [`To: ${visitorRecipient(s)}`, '', `Re: ${subject} at ${app.site}`, ''];
  if (d.outcome === 'declined') {
    lines.push(`We have considered ${subject} and have decided not to approve it, because:`);
    lines.push(...declineReasonLines(d.grounds, n.visitorType));
    if (d.visitorReasons) lines.push('', d.visitorReasons);
    if (!isSpecifiedFamily(n.visitorType)) {
      lines.push(
        '',
        `You may ask for this decision to be reviewed using V.01.Form.01.16 Prison Visit Review Form – Visitor Declined, sent to the ${REVIEW_ADDRESS}.`,
      );
    }
  } else {
    lines.push(`We have approved ${subject}.`);
    const conditions = conditionsText(d);
    if (conditions.length) {
      lines.push('', 'Visits will take place on these conditions:', bullets(conditions));
      lines.push(
        '',
        `You may ask for these conditions to be reviewed using V.01.Form.01.15 Prison Visit Review Form – Visitor Approved With Conditions, sent to the ${REVIEW_ADDRESS}.`,
      );
    }
    if (isSpecifiedFamily(n.visitorType)) {
      lines.push(
        '',
        'A copy of the Department’s Code of Conduct is enclosed. We will arrange a health and safety and site induction for your first visit; your entry card is issued after approval and induction.',
      );
    }
  }
  lines.push('', 'Reception/movements manager', app.site);
  return lines.join('\n');
}

function prisonerLetter(app: ApplicationDoc<V01State>): string {
  const s = app.state;
  const n = s.nomination;
  const d = s.decision;
  if (!n || !d) return '';
  const lines = [
    `To: ${app.prisonerName} (${app.prisonerId})`,
    '',
    `The application by ${n.visitor.name} to visit you has been decided: ${OUTCOME_LABELS[d.outcome].toLowerCase()}.`,
  ];
  const conditions = conditionsText(d);
  if (d.outcome === 'approved-with-conditions') lines.push('Conditions:', bullets(conditions));
  if (d.outcome === 'declined') lines.push('Reasons:', ...declineReasonLines(d.grounds, n.visitorType));
  if (d.outcome !== 'approved') {
    lines.push(
      '',
      'You may ask for a review of this decision through the complaints process (category Personal and Official Visitors, Decision Review), giving your reasons.',
    );
  }
  lines.push('', 'A copy of this notice is placed on your file.');
  return lines.join('\n');
}

function reviewLetter(app: ApplicationDoc<V01State>, n: number, to: 'visitor' | 'prisoner'): string {
  const s = app.state;
  const r = s.reviews.find((x) => x.n === n);
  if (!r?.result) return '';
  const st = r.result.standing;
  const lines = [
    `To: ${to === 'visitor' ? visitorRecipient(s) : `${app.prisonerName} (${app.prisonerId})`}`,
    '',
    `Review of the visit decision for ${s.nomination?.visitor.name ?? 'the visitor'} to visit ${app.prisonerName} (request received ${day(r.receivedOn)}).`,
    `Outcome: ${REVIEW_OUTCOMES[r.result.outcome]}.`,
  ];
  if (r.result.outcome !== 'refuse') {
    lines.push(`The decision now is: ${OUTCOME_LABELS[st.outcome].toLowerCase()}.`);
    const conditions = conditionsText(st);
    if (conditions.length) lines.push('Conditions:', bullets(conditions));
  }
  lines.push('', 'Director Office of the Commissioner Custodial Services');
  return lines.join('\n');
}

export function v01NoticeText(app: ApplicationDoc<V01State>, key: string): string {
  const s = app.state;
  if (key === 'decision-visitor') return visitorLetter(app);
  if (key === 'decision-prisoner') return prisonerLetter(app);
  if (key === 'ot-not-in-care') {
    return `To: ${app.prisonerName} (${app.prisonerId})\n\nOranga Tamariki has advised that ${s.nomination?.visitor.name ?? 'the child'} is not in their care. The application continues with the child’s guardian or other appropriate person.`;
  }
  if (key === 'closed-prisoner') {
    return `To: ${app.prisonerName} (${app.prisonerId})\n\nThe application for ${s.nomination?.visitor.name ?? 'the visitor'} to visit you has been closed without a decision.\n\n${s.withdrawn?.reason ?? ''}`;
  }
  const m = /^review-(\d+)-(visitor|prisoner)$/.exec(key);
  if (m?.[1] && m[2]) return reviewLetter(app, Number(m[1]), m[2] as 'visitor' | 'prisoner');
  return '';
}

/** Every notice due on an application with its text, in the order staff give them. */
export function v01Notices(app: ApplicationDoc<V01State>) {
  return requiredNotices(app.state, app.prisonerName).map((n) => ({
    ...n,
    text: v01NoticeText(app, n.key),
    given: app.state.notices[n.key],
  }));
}

export function standingSummary(s: V01State): string | undefined {
  const st = standingDecision(s);
  if (!st) return undefined;
  const c = conditionsText(st);
  return c.length ? `${OUTCOME_LABELS[st.outcome]}: ${c.join('; ')}` : OUTCOME_LABELS[st.outcome];
}

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
    `Signed: ${o.signed.by}, ${o.site}`,
  ].join('\n');
}

/** The Chief Inspector's result, in writing to the visitor and the prisoners named (V.01.09.7). */
export function orderReviewText(app: ApplicationDoc<V01PState>, n: number): string {
  const r = app.state.reviews.find((x) => x.n === n);
  if (!r?.result) return '';
  const t = r.result.terms;
  const lines = [
    `Review ${n} of visitor prohibition order ${app._id} (application from ${r.applicantName}, received ${day(r.receivedOn)}).`,
    `Outcome: ${r.result.outcome === 'refuse' ? 'the Chief Inspector declined to review the order: the reasons are substantially the same as an earlier review and nothing material has changed' : r.result.outcome === 'reverse' ? 'the order is reversed and no longer in force' : r.result.outcome === 'modify' ? 'the order is modified' : 'the order is confirmed'}.`,
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
