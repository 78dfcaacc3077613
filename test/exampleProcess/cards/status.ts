import { byLine, data, may, notForYou, timeline } from '../../../cards/common';
import {
  card,
  choiceInput,
  execute,
  facts,
  heading,
  keep,
  notice,
  text,
  textInput,
} from '../../../cards/kit';
import type { AdaptiveCard, CardContext, CardElement } from '../../../cards/types';
import { EVENT_LABELS } from '../workflow/evolve';
import { DECIDERS } from '../workflow/model';
import type { ExampleState } from '../workflow/model';

/** The request as it stands; the decider gets the decision inputs and the button. */
export function exampleStatusCard(ctx: CardContext<ExampleState>): AdaptiveCard {
  const { app, viewer } = ctx;
  const s = app.state;
  const body: CardElement[] = [
    ...heading(app.title, `${app._id} · ${app.prisonerName} (${app.prisonerId}) · ${app.site}`),
    ...notice(ctx.notice),
    facts([
      ['Asked for', s.request?.what],
      ['Stage', app.stage],
    ]),
    ...timeline(ctx.history, EVENT_LABELS, () => ''),
  ];
  if (s.decision) {
    body.push(text(`${s.decision.outcome === 'approve' ? 'Approved' : 'Declined'}: ${s.decision.reasons}`));
    body.push(text(byLine('Decided by', s.decision.by), { subtle: true }));
    return card(body);
  }
  if (!may(viewer, DECIDERS, app.site)) return card([...body, notForYou(DECIDERS, app.site)]);
  const v = (id: string) => keep(ctx.input, id, undefined);
  body.push(
    ...choiceInput({
      id: 'outcome',
      label: 'Decision',
      value: v('outcome'),
      required: true,
      errors: ctx.errors,
      expanded: true,
      choices: [
        { title: 'Approve', value: 'approve' },
        { title: 'Decline', value: 'decline' },
      ],
    }),
    ...textInput({
      id: 'reasons',
      label: 'Reasons',
      value: v('reasons'),
      required: true,
      errors: ctx.errors,
      multiline: true,
    }),
  );
  return card(body, [
    execute('Record decision', data(ctx, 'x01.status', 'x01.decide'), { style: 'positive' }),
  ]);
}
