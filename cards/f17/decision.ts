import { DECISION_ROLES } from '../../services/workflows/f17/model';
import { card, execute, refreshFor, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import type { F17CardContext } from './common';
import { caseFile, data, may, notForYou, outcomeBlock, reviewBlock, summaryFacts, top } from './common';

/**
 * F.17.02/F.17.03: the general manager custodial approves or declines. Approve and Decline are
 * Action.Execute, so after the click the card is redrawn in place with the outcome; anyone else
 * sees the outcome (or that it is waiting), never the buttons.
 */
export function f17DecisionCard(ctx: F17CardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
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
      text('Waiting for the custodial systems manager or security manager’s review.', { tone: 'caution' }),
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
  const body: CardElement[] = [
    ...head,
    ...reviewBlock(ctx),
    ...caseFile(ctx),
    section('Your decision', [
      ...ask.paragraph('consideration', 'Internal: your consideration and opinion (not released)', {
        required: true,
      }),
      ...ask.paragraph(
        'reasons',
        'Internal: reasons for the decision (may draw on intelligence; not released)',
        { required: true },
      ),
      text(
        'The prisoner may ask why under the Privacy Act (F.17.05). Only the reasons below are released: they must not contain intelligence or non-association information.',
        { tone: 'caution' },
      ),
      ...ask.paragraph('releasableReasons', 'Reasons that may be released to the prisoner', {
        required: true,
      }),
      ...ask.toggle(
        'releasableChecked',
        'Privacy',
        'These reasons hold no intelligence or non-association information',
      ),
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
