import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { conditionsText } from '../../services/workflows/v01/letters';
import { byLine, data, day, may, choicesOf } from '../common';
import {
  OUTCOME_LABELS,
  REVIEW_OFFICER,
  REVIEW_OUTCOMES,
  openReview,
  standingDecision,
} from '../../services/workflows/v01/model';
import type { Review } from '../../services/workflows/v01/model';
import { decisionReviewCard } from '../decisionReview';
import { execute, facts, section, text } from '../kit';
import type { Ask } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import { conditionChoices, top } from './common';
import type { V01Ctx } from './common';

/** A decision as it stands: its outcome, and any conditions. */
function decisionText(
  d: Parameters<typeof conditionsText>[0] & { outcome: keyof typeof OUTCOME_LABELS },
): string {
  const conditions = conditionsText(d);
  return `${OUTCOME_LABELS[d.outcome]}${conditions.length ? `: ${conditions.join('; ')}` : ''}`;
}

export function reviewFacts(r: Review): CardElement[] {
  const out: CardElement[] = [
    facts([
      ['Requested by', r.requestedBy === 'visitor' ? 'The visitor' : 'The prisoner'],
      ['Received', day(r.receivedOn)],
      ['How', r.channel],
      ['Complaint reference', r.complaintRef],
      ['Decision under review', OUTCOME_LABELS[r.reviewing]],
      ['Reasons for the request', r.reasons],
    ]),
    text(byLine('Recorded by', r.recorded), { subtle: true }),
  ];
  if (r.result) {
    const st = r.result.standing;
    out.push(
      text(REVIEW_OUTCOMES[r.result.outcome], { weight: 'Bolder' }),
      facts([
        ['Decision now', decisionText(st)],
        ['Reasons', r.result.reasons],
        ['Earlier review', r.result.earlierReview],
      ]),
      text(byLine('Reviewed by', r.result), { subtle: true }),
    );
  }
  return out;
}

/** What a modification of the decision sets: the conditions that now apply. */
function modifyInputs(ask: Ask): CardElement[] {
  return [
    ...ask.checks('newConditions', 'Modify: the conditions that now apply', conditionChoices),
    ...ask.paragraph('newConditionsOther', 'Modify: other conditions', { maxLength: 2000 }),
  ];
}

const REQUESTERS = choicesOf({
  visitor: 'The visitor (V.01.Form.01.15 / 01.16)',
  prisoner: 'The prisoner (complaints process)',
});
const CHANNELS = choicesOf({
  email: 'Email to custodialdirectorate@corrections.govt.nz',
  post: 'Post to Private Box 1206, Wellington',
  'by-hand': 'Handed to staff',
  complaint: 'Prisoner complaint in IOMS (Personal and Official Visitors / Decision Review)',
});

/** A review request as staff record it, from the visitor or (through the complaints process) the prisoner. */
function requestInputs(ask: Ask): CardElement[] {
  return [
    ...ask.radio('requestedBy', 'Who is asking', REQUESTERS, { required: true }),
    ...ask.date('receivedOn', 'Date received', { required: true }),
    ...ask.choice('channel', 'How it arrived', CHANNELS, { required: true }),
    ...ask.text('complaintRef', 'IOMS complaint reference (prisoner requests)'),
    ...ask.paragraph('reasons', 'Their reasons for asking', { required: true }),
  ];
}

/**
 * V.01.07: staff record a review request from the visitor or the prisoner; the review officer
 * (Director Office of the Commissioner Custodial Services) sees a 21-day countdown and records
 * confirm, reverse, modify or a refusal to review.
 */
export function v01ReviewCard(ctx: V01Ctx): AdaptiveCard {
  const { app, viewer } = ctx;
  const s = app.state;
  const standing = standingDecision(s);
  const body: CardElement[] = [
    ...top(ctx, 'Review of the visit decision'),
    facts([['Decision', standing ? decisionText(standing) : 'Not decided yet']]),
    ...s.reviews.map((r) => section(`Review ${r.n}`, reviewFacts(r))),
  ];
  const sectionC = s.reviews.find(
    (r) => r.result && r.requestedBy === 'prisoner' && !s.followUps[`review-${r.n}-complaint`],
  );
  const actions =
    sectionC && may(viewer, REVIEW_OFFICER, app.site)
      ? [
          execute(
            `Section C of the complaint done (review ${sectionC.n})`,
            data(ctx, 'v01.review', 'v01.recordFollowUp', { item: `review-${sectionC.n}-complaint` }),
            { validate: false },
          ),
        ]
      : [];
  return decisionReviewCard(ctx, {
    card: 'v01.review',
    decide: 'v01.decideReview',
    request: 'v01.requestReview',
    reviewers: REVIEW_OFFICER,
    body,
    open: openReview(s),
    answer: {
      reasons: 'Reasons (sent to the visitor and the prisoner)',
      modify: modifyInputs,
      noChange: 'No material change in circumstances since that review',
    },
    requestForm:
      !standing || standing.outcome === 'approved'
        ? { none: 'Only a decline or an approval with conditions can be reviewed.' }
        : {
            roles: [...DESIGNATED_STAFF, ...REVIEW_OFFICER],
            title: 'Record a review request',
            inputs: requestInputs,
            button: 'Record review request',
          },
    actions,
  });
}
