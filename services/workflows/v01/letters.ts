import { bullets, letterDay as day } from '../../policy/v01';
import type { ApplicationDoc } from '../../workflow/domain';
import { requiredNotices, visitorRecipient } from './followUps';
import { declineReasonLines } from './letterGrounds';
import {
  CONDITIONS,
  OUTCOME_LABELS,
  REVIEW_OUTCOMES,
  isSpecifiedFamily,
  openSuspension,
  standingDecision,
} from './model';
import type { Decision, V01State } from './model';

/**
 * The words of each letter the bot prepares for staff to print on letterhead or send. Reasons
 * are built from the fixed V.01.03 wordings, never from assessments or checks, so nothing
 * private about the prisoner or any victim can leak into them; the decider's optional extra
 * words for the visitor are only included once they confirmed those hold nothing private.
 */

const REVIEW_ADDRESS =
  'Director Office of the Commissioner Custodial Services, by email to custodialdirectorate@corrections.govt.nz, ' +
  'or by post to Department of Corrections, Private Box 1206, Wellington 6140, or by handing the form to prison staff';

export function conditionsText(d: Pick<Decision, 'conditions' | 'conditionsOther'>): string[] {
  return [...d.conditions.map((c) => CONDITIONS[c]), ...(d.conditionsOther ? [d.conditionsOther] : [])];
}

/** What a letter states of a decision: the original, or the decision again after a suspension. */
type Decided = Pick<Decision, 'outcome' | 'conditions' | 'conditionsOther' | 'grounds' | 'visitorReasons'>;

const AGAIN =
  'A new contact restriction was recorded after the earlier decision, so that approval was suspended and the application has been decided again.';

function visitorLetter(app: ApplicationDoc<V01State>, d: Decided | undefined, again = false): string {
  const s = app.state;
  const n = s.nomination;
  if (!n || !d) return '';
  const child = n.visitorType === 'private-child';
  const subject = child
    ? `the application for ${n.visitor.name} to visit ${app.prisonerName}`
    : `your application to visit ${app.prisonerName}`;
  const lines: string[] = [`To: ${visitorRecipient(s)}`, '', `Re: ${subject} at ${app.site}`, ''];
  if (again) lines.push(AGAIN, '');
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

function prisonerLetter(app: ApplicationDoc<V01State>, d: Decided | undefined, again = false): string {
  const n = app.state.nomination;
  if (!n || !d) return '';
  const lines = [
    `To: ${app.prisonerName} (${app.prisonerId})`,
    '',
    ...(again ? [AGAIN] : []),
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
  if (key === 'decision-visitor') return visitorLetter(app, s.decision);
  if (key === 'decision-prisoner') return prisonerLetter(app, s.decision);
  const again = /^redecision-(\d+)-(visitor|prisoner)$/.exec(key);
  if (again?.[1]) {
    const d = (s.suspensions ?? []).find((x) => x.n === Number(again[1]))?.redecision;
    return again[2] === 'visitor' ? visitorLetter(app, d, true) : prisonerLetter(app, d, true);
  }
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
  const text = c.length ? `${OUTCOME_LABELS[st.outcome]}: ${c.join('; ')}` : OUTCOME_LABELS[st.outcome];
  return openSuspension(s) ? `Suspended by a new contact restriction (was: ${text})` : text;
}
