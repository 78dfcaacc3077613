import { CASE_ROLES } from '../../services/workflows/f17/model';
import { card, execute, section, text, inputsFor } from '../kit';
import type { AdaptiveCard } from '../types';
import type { F17CardContext } from './common';
import { byLine, data, may, notForYou, summaryFacts, top } from './common';

/** F.17.04: the prisoner may withdraw consent at any time, after an approval too; the assessment stops. */
export function f17WithdrawCard(ctx: F17CardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app, viewer } = ctx;
  const s = app.state;
  const body = [...top(ctx, 'Withdraw consent to mix'), summaryFacts(ctx)];
  if (s.withdrawal) {
    return card([
      ...body,
      section('Withdrawal', [
        text(s.withdrawal.note),
        text(byLine('Recorded by', s.withdrawal.by), { subtle: true }),
      ]),
      text(
        'Record the withdrawal as a file note in IOMS, mark the top of F.17.Form.01 “consent withdrawn” and upload it to IOMS.',
        { subtle: true },
      ),
    ]);
  }
  if (s.decision?.outcome === 'declined')
    return card([...body, text('Mixing was declined, so there is no consent to withdraw.')]);
  if (!may(viewer, CASE_ROLES, app.site)) return card([...body, notForYou(CASE_ROLES, app.site)]);
  return card(
    [
      ...body,
      text('Everyone who has been asked for input will be told the assessment has stopped.'),
      ...ask.paragraph('withdrawalNote', 'What the prisoner said, and when', { required: true }),
    ],
    [
      execute('Record withdrawal', data(ctx, 'f17.withdraw', 'f17.withdrawConsent'), {
        style: 'destructive',
      }),
    ],
  );
}
