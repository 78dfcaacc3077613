import { DESIGNATED_STAFF, MANAGER_DECIDERS } from '../../services/policy/v01';
import { CHIEF_INSPECTOR, SCOPE_LABELS } from '../../services/workflows/prohibition/model';
import { banner, choicesOf, countdown, data, may, notForYou } from '../common';
import { card, execute, inputsFor, refreshFor, section } from '../kit';
import type { Ask } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { orderFacts, reviewFacts, top } from './common';
import type { V01PCtx } from './common';

/** The Chief Inspector's answer: reasons, and what a modification or a refusal needs. */
function decisionInputs(ask: Ask): CardElement[] {
  return [
    ...ask.text('reasons', 'Reasons (sent in writing to the visitor and the prisoners)', {
      required: true,
      multiline: true,
    }),
    ...ask.date('newExpiresOn', 'Modify: new expiry date'),
    ...ask.choice('newScope', 'Modify: covers', choicesOf(SCOPE_LABELS)),
    ...ask.text('newPrisoners', 'Modify: prisoners (one per line: PRN, then name)', {
      multiline: true,
      maxLength: 4000,
    }),
    ...ask.text('earlierReview', 'Refuse: the earlier review this one repeats'),
    ...ask.toggle('noMaterialChange', 'Refuse', 'No material changes since that review'),
  ];
}

/** A written application for a review, as staff record it (V.01.09.1–3). */
function requestInputs(ask: Ask): CardElement[] {
  return [
    ...ask.choice(
      'applicant',
      'Who applied',
      choicesOf({
        visitor: 'The prohibited visitor',
        guardian: 'The guardian of a visitor under 18',
        prisoner: 'A prisoner given a copy of the order',
      }),
      { required: true, expanded: true },
    ),
    ...ask.text('applicantName', 'Applicant’s name (for a prisoner, include their PRN)', { required: true }),
    ...ask.date('receivedOn', 'Date received', { required: true }),
    ...ask.text('reasons', 'Their reasons for seeking the review', { required: true, multiline: true }),
  ];
}

/** V.01.09: staff record a written application; the Chief Inspector reviews within 21 days. */
export function reviewCard(ctx: V01PCtx): AdaptiveCard {
  const { app, viewer } = ctx;
  const s = app.state;
  const inspector = may(viewer, CHIEF_INSPECTOR, app.site);
  const body: CardElement[] = [...top(ctx, 'Review of a prohibition order'), orderFacts(ctx)];
  s.reviews.forEach((r) => body.push(section(`Review ${r.n}`, reviewFacts(r))));
  const open = s.reviews.find((r) => !r.result);
  const actions: CardAction[] = [];
  const refresh = inspector ? refreshFor(data(ctx, 'v01p.review'), [viewer.aadObjectId]) : undefined;
  if (open) {
    const c = countdown(ctx.now, new Date(open.dueAt));
    body.push(banner(`Review ${open.n}: ${c.text}`, c.tone));
    if (!inspector) return card([...body, notForYou(CHIEF_INSPECTOR, '*')], [], refresh);
    body.push(section('Your review', decisionInputs(inputsFor(ctx))));
    for (const [outcome, title] of [
      ['confirm', 'Confirm'],
      ['reverse', 'Reverse'],
      ['modify', 'Modify'],
      ['refuse', 'Refuse to review'],
    ] as const) {
      actions.push(execute(title, data(ctx, 'v01p.review', 'v01p.decideReview', { outcome })));
    }
    return card(body, actions, refresh);
  }
  const roles = [...DESIGNATED_STAFF, ...MANAGER_DECIDERS, ...CHIEF_INSPECTOR];
  if (!may(viewer, roles, app.site)) return card([...body, notForYou(roles, app.site)], [], refresh);
  body.push(section('Record a written review application', requestInputs(inputsFor(ctx))));
  actions.push(execute('Record review application', data(ctx, 'v01p.review', 'v01p.requestReview')));
  return card(body, actions, refresh);
}
