import { DISCLOSURE_ROLES } from '../../services/workflows/f17/model';
import { buildDisclosure } from '../../services/workflows/f17/disclosure';
import { card, facts, heading, section, sectionsDetail, text, when } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import type { F17CardContext } from './common';
import { may, notForYou } from './common';

/** F.17.05: what may be released to the prisoner, drawn only from `buildDisclosure`. */
export function f17DisclosureCard(ctx: F17CardContext): AdaptiveCard {
  const { app, viewer } = ctx;
  const head = heading(
    'Privacy Act disclosure: suitability to mix',
    `${app.prisonerName} (${app.prisonerId}) · ${app._id}`,
  );
  if (!may(viewer, DISCLOSURE_ROLES, app.site)) {
    return card([
      ...head,
      text('This disclosure is not available to you.'),
      notForYou(DISCLOSURE_ROLES, app.site),
    ]);
  }
  const d = buildDisclosure(app);
  const body: CardElement[] = [
    ...head,
    facts([
      ['Programme', `${d.programmeName} (${d.programmeKind})`],
      [
        'Outcome',
        d.outcome
          ? d.outcome === 'approved'
            ? 'Approved'
            : 'Declined'
          : d.status === 'withdrawn'
            ? 'Consent withdrawn'
            : 'Not decided',
      ],
      ['Decided', when(d.decidedAt)],
      [
        'Reviewer’s recommendation',
        d.recommendation ? (d.recommendation === 'supported' ? 'Supported' : 'Not supported') : undefined,
      ],
    ]),
  ];
  if (d.reasons) body.push(section('Reasons for the decision', [text(d.reasons)]));
  body.push(text(d.statement, { weight: 'Bolder' }));
  body.push(text('Release this through the C.09 prisoner internal information process.', { subtle: true }));
  const considered = d.sections.map((s) =>
    section(`Information considered: ${s.title}`, [
      facts(s.answers.map((a): [string, string] => [a.label, a.value])),
    ]),
  );
  if (d.withheld.length > 0) {
    considered.push(
      section(
        'Information withheld',
        d.withheld.map((w) => text(`${w.what}. Ground: ${w.ground}`)),
      ),
    );
  }
  return card([...body, ...sectionsDetail(considered)]);
}
