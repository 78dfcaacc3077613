import { DESIGNATED_STAFF, MANAGER_DECIDERS } from '../../services/policy/v01';
import { CHIEF_INSPECTOR, SCOPE_LABELS } from '../../services/workflows/prohibition/model';
import { choicesOf } from '../common';
import { decisionReviewCard } from '../decisionReview';
import { section } from '../kit';
import type { Ask } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import { orderFacts, reviewFacts, top } from './common';
import type { V01PCtx } from './common';

/** What a modification of an order sets (V.01.09). */
function modifyInputs(ask: Ask): CardElement[] {
  return [
    ...ask.date('newExpiresOn', 'Modify: new expiry date'),
    ...ask.choice('newScope', 'Modify: covers', choicesOf(SCOPE_LABELS)),
    ...ask.paragraph('newPrisoners', 'Modify: prisoners (one per line: PRN, then name)', { maxLength: 4000 }),
  ];
}

const APPLICANTS = choicesOf({
  visitor: 'The prohibited visitor',
  guardian: 'The guardian of a visitor under 18',
  prisoner: 'A prisoner given a copy of the order',
});

/** A written application for a review, as staff record it (V.01.09.1–3). */
function requestInputs(ask: Ask): CardElement[] {
  return [
    ...ask.radio('applicant', 'Who applied', APPLICANTS, { required: true }),
    ...ask.text('applicantName', 'Applicant’s name (for a prisoner, include their PRN)', { required: true }),
    ...ask.date('receivedOn', 'Date received', { required: true }),
    ...ask.paragraph('reasons', 'Their reasons for seeking the review', { required: true }),
  ];
}

/** V.01.09: staff record a written application; the Chief Inspector reviews within 21 days. */
export function reviewCard(ctx: V01PCtx): AdaptiveCard {
  const s = ctx.app.state;
  return decisionReviewCard(ctx, {
    card: 'v01p.review',
    decide: 'v01p.decideReview',
    request: 'v01p.requestReview',
    reviewers: CHIEF_INSPECTOR,
    body: [
      ...top(ctx, 'Review of a prohibition order'),
      orderFacts(ctx),
      ...s.reviews.map((r) => section(`Review ${r.n}`, reviewFacts(r))),
    ],
    open: s.reviews.find((r) => !r.result),
    answer: {
      reasons: 'Reasons (sent in writing to the visitor and the prisoners)',
      modify: modifyInputs,
      noChange: 'No material changes since that review',
    },
    requestForm: {
      roles: [...DESIGNATED_STAFF, ...MANAGER_DECIDERS, ...CHIEF_INSPECTOR],
      title: 'Record a written review application',
      inputs: requestInputs,
      button: 'Record review application',
    },
  });
}
