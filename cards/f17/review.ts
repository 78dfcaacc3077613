import { choicesOf } from '../common';
import { REVIEW_ROLES, SECTIONS, missingRequired } from '../../services/workflows/f17/model';
import { card, execute, refreshFor, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import type { F17CardContext } from './common';
import { caseFile, data, may, notForYou, reviewBlock, summaryFacts, top } from './common';

const RECOMMENDATIONS = choicesOf({ supported: 'Supported', 'not-supported': 'Not supported' });
/** F.17.02: the custodial systems manager or security manager reviews every section and recommends. */
export function f17ReviewCard(ctx: F17CardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app, viewer } = ctx;
  const s = app.state;
  const body: CardElement[] = [
    ...top(ctx, 'Review: suitability to mix'),
    summaryFacts(ctx),
    ...caseFile(ctx),
  ];
  if (s.review) return card([...body, ...reviewBlock(ctx)]);
  if (s.withdrawal) return card(body);
  const missing = missingRequired(s);
  if (missing.length > 0) {
    return card([
      ...body,
      text(`Waiting for: ${missing.map((k) => SECTIONS[k].title).join(', ')}.`, { tone: 'caution' }),
    ]);
  }
  if (!may(viewer, REVIEW_ROLES, app.site)) return card([...body, notForYou(REVIEW_ROLES, app.site)]);
  return card(
    [
      ...body,
      section('Your review', [
        ...ask.paragraph('summary', 'Summary of the information', { required: true }),
        ...ask.paragraph('risks', 'Risks identified', { required: true }),
        ...ask.paragraph('riskManagement', 'How each risk will be managed or mitigated', { required: true }),
        ...ask.radio('recommendation', 'Is mixing supported?', RECOMMENDATIONS, { required: true }),
      ]),
    ],
    [
      execute('Submit to the general manager custodial', data(ctx, 'f17.review', 'f17.submitReview'), {
        style: 'positive',
      }),
    ],
    refreshFor(data(ctx, 'f17.review'), [viewer.aadObjectId]),
  );
}
