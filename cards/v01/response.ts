import { DESIGNATED_STAFF, GROUNDS, MANAGER_DECIDERS } from '../../services/policy/v01';
import { byLine, data, may, notForYou } from '../common';
import { groundChoices } from '../visitor';
import { RESPONSE_GROUNDS, openResponseOffer } from '../../services/workflows/v01/model';
import { card, execute, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { top } from './common';
import type { V01Ctx } from './common';

/** V.01.03.4: before a decision on missing or false information, authority or consent, the applicant may respond. */
export function v01ResponseCard(ctx: V01Ctx): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  const roles = [...DESIGNATED_STAFF, ...MANAGER_DECIDERS];
  const body: CardElement[] = [...top(ctx, 'Applicant’s opportunity to respond')];
  for (const o of s.responseOffers) {
    body.push(
      section(`Offered: ${o.grounds.map((g) => GROUNDS[g].label).join('; ')}`, [
        text(o.details),
        text(byLine('Offered by', o), { subtle: true }),
        ...(o.response
          ? [text(`Response: ${o.response.text}`), text(byLine('Recorded by', o.response), { subtle: true })]
          : []),
      ]),
    );
  }
  const actions: CardAction[] = [];
  if (s.decision || s.withdrawn)
    return card([...body, text('The application is no longer waiting for a decision.', { subtle: true })]);
  if (!may(ctx.viewer, roles, app.site)) return card([...body, notForYou(roles, app.site)]);
  if (openResponseOffer(s)) {
    body.push(
      ...ask.paragraph('response', 'The applicant’s response (or that none came by the date given)', {
        required: true,
        maxLength: 4000,
      }),
    );
    actions.push(
      execute('Record response', data(ctx, 'v01.response', 'v01.recordResponse'), { style: 'positive' }),
    );
  } else {
    body.push(
      ...ask.checks('grounds', 'What the applicant is asked about', groundChoices(RESPONSE_GROUNDS), {
        required: true,
      }),
      ...ask.paragraph('details', 'What they were asked, how, and by when', {
        required: true,
        maxLength: 2000,
      }),
    );
    actions.push(execute('Record opportunity given', data(ctx, 'v01.response', 'v01.offerResponse')));
  }
  return card(body, actions);
}
