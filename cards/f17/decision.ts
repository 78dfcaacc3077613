import { DECISION_ROLES } from '../../services/workflows/f17/model';
import { card, execute, keep, refreshFor, section, text, textInput } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import type { F17CardContext } from './common';
import {
  consentFacts,
  data,
  detailsFacts,
  may,
  notForYou,
  outcomeBlock,
  reviewBlock,
  sectionsBlock,
  summaryFacts,
  top,
} from './common';

/**
 * F.17.02/F.17.03: the general manager custodial approves or declines. Approve and Decline are
 * Action.Execute, so after the click the card is redrawn in place with the outcome; anyone else
 * sees the outcome (or that it is waiting), never the buttons.
 */
export function f17DecisionCard(ctx: F17CardContext): AdaptiveCard {
  const { app, viewer } = ctx;
  const s = app.state;
  const approver = may(viewer, DECISION_ROLES, app.site);
  const refresh = approver ? refreshFor(data(ctx, 'f17.decision'), [viewer.aadObjectId]) : undefined;
  const head: CardElement[] = [...top(ctx, 'Decision: suitability to mix'), summaryFacts(ctx)];
  if (s.decision) return card([...head, ...outcomeBlock(ctx)], [], refresh);
  if (s.withdrawal) return card(head);
  if (!s.review) {
    return card([
      ...head,
      text('Waiting for the custodial systems manager or security manager’s review.', { color: 'Warning' }),
      ...(approver ? [] : [notForYou(DECISION_ROLES, app.site)]),
    ]);
  }
  if (!approver) {
    return card([
      ...head,
      text('Waiting for the general manager custodial’s decision.'),
      notForYou(DECISION_ROLES, app.site),
    ]);
  }
  const e = ctx.errors;
  const v = (id: string) => keep(ctx.input, id, undefined);
  const body: CardElement[] = [
    ...head,
    detailsFacts(ctx),
    section('Consent', consentFacts(ctx)),
    ...sectionsBlock(ctx),
    ...reviewBlock(ctx),
    section('Your decision', [
      ...textInput({
        id: 'consideration',
        label: 'Your consideration and opinion',
        value: v('consideration'),
        required: true,
        errors: e,
        multiline: true,
      }),
      ...textInput({
        id: 'reasons',
        label: 'Reasons for the decision',
        value: v('reasons'),
        required: true,
        errors: e,
        multiline: true,
      }),
    ]),
  ];
  return card(
    body,
    [
      execute('Approve', data(ctx, 'f17.decision', 'f17.decide', { outcome: 'approved' }), {
        style: 'positive',
      }),
      execute('Decline', data(ctx, 'f17.decision', 'f17.decide', { outcome: 'declined' }), {
        style: 'destructive',
      }),
    ],
    refresh,
  );
}
