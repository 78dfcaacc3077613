import { huiStage } from '../../services/workflows/c07/model';
import { card, execute, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { HuiCardContext } from './common';
import { act, open, viewerIs, huiTop } from './common';

const FIELDS = ['newDate', 'newTime', 'newDuration', 'rescheduleReason'];

/** A new date and time (NZ local), with a reason; a signed-off hui goes back to the manager. */
export function c07RescheduleCard(ctx: HuiCardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  const body: CardElement[] = [...huiTop(ctx, 'Reschedule a support hui', FIELDS)];
  const actions: CardAction[] = [];
  if (app.closed) {
    body.push(text('This hui is closed and cannot be rescheduled.'));
  } else if (viewerIs.organiser(ctx)) {
    body.push(
      ...ask.date('newDate', 'New date (New Zealand)', { stored: s.schedule?.date, required: true }),
      ...ask.time('newTime', 'New start time (New Zealand)', { stored: s.schedule?.time, required: true }),
      ...ask.number('newDuration', 'Duration (minutes)', {
        stored: s.schedule?.durationMinutes,
        required: true,
        min: 15,
        max: 600,
      }),
      ...ask.paragraph('rescheduleReason', 'Why it is rescheduled', { required: true }),
      ...(huiStage(s) === 'signed-off'
        ? [
            text(
              'This hui is signed off: the new time goes back to the manager for sign-off, and the entry-staff post is updated.',
              { tone: 'caution' },
            ),
          ]
        : []),
    );
    actions.push(execute('Reschedule', act(app, 'c07.status', 'c07.reschedule'), { style: 'positive' }));
  } else {
    body.push(text('Only the organiser or the prisoner’s case manager can reschedule this hui.'));
  }
  actions.push(open(app, 'Status', 'c07.status'));
  return card(body, actions);
}
