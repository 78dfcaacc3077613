import { CASE_ROLES } from '../../services/workflows/f17/model';
import { card, execute, facts, keep, section, text, inputsFor } from '../kit';
import type { AdaptiveCard } from '../types';
import type { F17CardContext } from './common';
import { data, may, notForYou, summaryFacts, top } from './common';
import { peoplePicker } from './startForm';

/** F.17.02: "other people identified to feed into the assessment", named by the case manager. */
export function f17ContributorCard(ctx: F17CardContext): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app, viewer } = ctx;
  const s = app.state;
  const named = s.contributors.length
    ? [
        section('Already asked', [
          facts(
            s.contributors.map((c): [string, string] => [
              c.name,
              `${c.description} (asked by ${c.namedBy.name})`,
            ]),
          ),
        ]),
      ]
    : [];
  const body = [...top(ctx, 'Ask someone else for input'), summaryFacts(ctx), ...named];
  if (s.withdrawal || s.decision) return card(body);
  if (!may(viewer, CASE_ROLES, app.site)) return card([...body, notForYou(CASE_ROLES, app.site)]);
  if (!s.consent)
    return card([
      ...body,
      text('Record the prisoner’s consent first; nobody is asked for input before that.'),
    ]);
  const e = ctx.errors;
  return card(
    [
      ...body,
      ...peoplePicker(
        'contributorId',
        'Person to ask',
        keep(ctx.input, 'contributorId', undefined),
        ctx.people,
        e,
        app.site,
      ),
      ...ask.text('contributorDescription', 'What they will add (e.g. programme provider, chaplain)', {
        required: true,
      }),
    ],
    [
      execute('Ask for their input', data(ctx, 'f17.contributor', 'f17.nameContributor'), {
        style: 'positive',
      }),
    ],
  );
}
