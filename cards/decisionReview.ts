import type { Role } from '../services/directory/roles';
import type { NumberedReview } from '../services/workflow/reviews';
import { banner, countdown, data, may, notForYou } from './common';
import { card, execute, inputsFor, refreshFor, section, text } from './kit';
import type { Ask } from './kit';
import type { AdaptiveCard, CardAction, CardContext, CardElement } from './types';

/**
 * The review card both V.01 processes draw (a visit decision under V.01.07, a prohibition order
 * under V.01.09): while a review is open, its 21-day countdown and, for the reviewer, the outcome's
 * inputs and the four outcome buttons; otherwise the form that records an application for one.
 * Each process gives its own words, inputs and commands; neither imports the other's cards.
 */
export interface DecisionReview {
  /** The card to redraw (`v01.review`), and the commands deciding and requesting a review. */
  card: string;
  decide: string;
  request: string;
  /** Who decides a review (national: the card tells others it is for them at national office). */
  reviewers: readonly Role[];
  /** The heading, the facts and the reviews so far. */
  body: CardElement[];
  open: NumberedReview | undefined;
  /**
   * The reviewer's answer: reasons (`reasons` names who is sent them), what a modification sets,
   * and for a refusal the earlier review it repeats and that nothing material changed (`noChange`).
   */
  answer: { reasons: string; modify(ask: Ask): CardElement[]; noChange: string };
  /** Recording an application: who may, the section, its inputs and button; or why none can be now. */
  requestForm:
    | { roles: readonly Role[]; title: string; inputs(ask: Ask): CardElement[]; button: string }
    | { none: string };
  /** Buttons the card carries beside the review's (e.g. a follow-up the reviewer records). */
  actions?: CardAction[];
}

const OUTCOMES = [
  ['confirm', 'Confirm'],
  ['reverse', 'Reverse'],
  ['modify', 'Modify'],
  ['refuse', 'Refuse to review'],
] as const;

function answerInputs(ask: Ask, a: DecisionReview['answer']): CardElement[] {
  return [
    ...ask.paragraph('reasons', a.reasons, { required: true }),
    ...a.modify(ask),
    ...ask.text('earlierReview', 'Refuse: the earlier review this one repeats'),
    ...ask.toggle('noMaterialChange', 'Refuse', a.noChange),
  ];
}

export function decisionReviewCard(ctx: CardContext, r: DecisionReview): AdaptiveCard {
  const { app, viewer } = ctx;
  const body = [...r.body];
  const reviewer = may(viewer, r.reviewers, app.site);
  const refresh = reviewer ? refreshFor(data(ctx, r.card), [viewer.aadObjectId]) : undefined;
  if (r.open) {
    const c = countdown(ctx.now, new Date(r.open.dueAt));
    body.push(banner(`Review ${r.open.n}: ${c.text}`, c.tone));
    if (!reviewer) return card([...body, notForYou(r.reviewers, '*')], [], refresh);
    body.push(section('Your review', answerInputs(inputsFor(ctx), r.answer)));
    const outcomes = OUTCOMES.map(([outcome, title]) =>
      execute(title, data(ctx, r.card, r.decide, { outcome })),
    );
    return card(body, [...(r.actions ?? []), ...outcomes], refresh);
  }
  const form = r.requestForm;
  if ('none' in form) return card([...body, text(form.none, { subtle: true })], [], refresh);
  if (!may(viewer, form.roles, app.site))
    return card([...body, notForYou(form.roles, app.site)], [], refresh);
  body.push(section(form.title, form.inputs(inputsFor(ctx))));
  return card(body, [...(r.actions ?? []), execute(form.button, data(ctx, r.card, r.request))], refresh);
}
