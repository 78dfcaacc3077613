import { huiStage } from '../../services/workflows/c07/model';
import { card, execute, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { HuiCardContext } from './common';
import { act, formatShort, open, outcomeItems, purposeSection, viewerIs, huiTop } from './common';

/** After the hui: the case manager records its outcome actions (C.07.03 Consideration). */
export function c07OutcomeCard(ctx: HuiCardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  const planning = s.huiKind === 'support-planning';
  const body: CardElement[] = [
    ...huiTop(ctx, 'Support hui: outcome actions', [
      'outcomeActions',
      'supportNetwork',
      'safetyPlan',
      'iomsRecorded',
    ]),
    purposeSection(s),
  ];
  const actions: CardAction[] = [];
  const ended = s.schedule ? ctx.now.getTime() >= new Date(s.schedule.endsAt).getTime() : false;
  if (s.outcome) {
    body.push(
      section('Outcome actions', [
        ...outcomeItems(s.outcome),
        text(
          `Recorded by ${s.outcome.name} (${formatShort(s.outcome.at)}). ${s.outcome.iomsRecorded ? 'Recorded in IOMS.' : 'Not confirmed as recorded in IOMS.'}`,
          {
            subtle: true,
          },
        ),
      ]),
    );
  } else if (huiStage(s) !== 'signed-off') {
    body.push(text('The outcome is recorded after a signed-off hui has been held.', { subtle: true }));
  } else if (!ended) {
    body.push(
      text(
        `The outcome can be recorded once the hui has finished (${formatShort(s.schedule?.endsAt ?? '')}).`,
        { subtle: true },
      ),
    );
  } else if (viewerIs.caseManager(ctx)) {
    body.push(
      ...ask.paragraph('outcomeActions', 'Outcome actions agreed at the hui (who does what, by when)', {
        required: true,
      }),
      // C.07: a support planning meeting creates a support network and a safety plan (required then);
      // any other hui may record them too.
      ...ask.paragraph(
        'supportNetwork',
        `The support network the ${planning ? 'meeting' : 'hui'} created${planning ? '' : ' (optional)'}`,
        { required: planning },
      ),
      ...ask.paragraph('safetyPlan', `The safety plan${planning ? '' : ' (optional)'}`, {
        required: planning,
      }),
      ...ask.toggle(
        'iomsRecorded',
        'IOMS',
        'I have recorded the hui details and outcome actions in IOMS (Case Management / Third Party Contact)',
      ),
    );
    actions.push(
      execute('Record outcome', act(app, 'c07.outcome', 'c07.recordOutcome'), { style: 'positive' }),
    );
  } else {
    body.push(text('Waiting for the case manager to record the outcome.', { subtle: true }));
  }
  actions.push(open(app, 'Status', 'c07.status'));
  return card(body, actions);
}
