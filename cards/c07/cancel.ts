import { card, execute, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { HuiCardContext } from './common';
import { act, formatShort, open, viewerIs, huiTop } from './common';

/** Cancel a hui at any stage, with a reason; the manager and entry staff hear if they were told. */
export function c07CancelCard(ctx: HuiCardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  const body: CardElement[] = [...huiTop(ctx, 'Cancel a support hui', ['cancelReason'])];
  const actions: CardAction[] = [];
  if (s.cancelled) {
    body.push(
      text(`Cancelled by ${s.cancelled.name} (${formatShort(s.cancelled.at)}): ${s.cancelled.reason}`),
    );
  } else if (app.closed) {
    body.push(text('This hui has been held and its outcome recorded: it can no longer be cancelled.'));
  } else if (viewerIs.organiser(ctx)) {
    const told = [s.everSubmitted ? 'the manager' : '', s.entryPosted ? 'the entry staff' : ''].filter(
      Boolean,
    );
    body.push(
      ...ask.paragraph('cancelReason', 'Why the hui is cancelled', { required: true }),
      text(`The case manager${told.length ? `, ${told.join(' and ')}` : ''} will be told.`, { subtle: true }),
    );
    actions.push(execute('Cancel hui', act(app, 'c07.cancel', 'c07.cancel'), { style: 'destructive' }));
  } else {
    body.push(text('Only the organiser or the prisoner’s case manager can cancel this hui.'));
  }
  actions.push(open(app, 'Status', 'c07.status'));
  return card(body, actions);
}
