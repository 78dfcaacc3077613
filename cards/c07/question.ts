import { card, execute, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { HuiCardContext } from './common';
import { act, formatShort, open, questionsSection, viewerIs, huiTop } from './common';

/** The manager's question as the case manager gets it; the whole thread stays on the hui (C.07.03). */
export function c07QuestionCard(ctx: HuiCardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  const questionId = String(ctx.params.questionId ?? '');
  const q = s.questions.find((x) => x.id === questionId);
  const body: CardElement[] = [...huiTop(ctx, 'A question about a support hui', ['answer'])];
  const actions: CardAction[] = [];
  if (!q) {
    body.push(text('That question is not on this hui.'));
  } else {
    body.push(
      text(`${q.asked.name} asked (${formatShort(q.asked.at)}):`, { subtle: true }),
      text(q.question, { weight: 'Bolder' }),
    );
    if (q.answered) {
      body.push(text(`Answered by ${q.answered.name} (${formatShort(q.answered.at)}): ${q.answer ?? ''}`));
    } else if (!app.closed && viewerIs.caseManager(ctx)) {
      body.push(...ask.paragraph('answer', 'Your answer', { required: true }));
      actions.push(
        execute(
          'Send answer',
          act(app, 'c07.question', 'c07.answerQuestion', { questionId: q.id }, { questionId: q.id }),
          { style: 'positive' },
        ),
      );
    } else {
      body.push(text('Not answered yet.', { subtle: true }));
    }
  }
  body.push(...questionsSection(s));
  actions.push(open(app, 'Status', 'c07.status'));
  return card(body, actions);
}
