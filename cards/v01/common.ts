import type { ApplicationDoc } from '../../services/workflow/domain';
import {
  RESPONSE_GROUNDS,
  RESTRICTIONS,
  VISITOR_TYPES,
  cppAlert,
  currentRestriction,
  openSuspension,
  restrictionBlock,
  CONDITIONS,
} from '../../services/workflows/v01/model';
import type { Suspension, V01State } from '../../services/workflows/v01/model';
import { findingText, relatedFindings } from '../../services/workflows/v01/prohibitionCheck';
import { STAGE_LABELS, v01Stage } from '../../services/workflows/v01/stage';
import { banner, choicesOf, day } from '../common';
import { alert, detail, facts, heading, notice, text, inputsFor } from '../kit';
import { groundChoices } from '../visitor';
import { GROUNDS } from '../../services/policy/v01';
import type { CardContext, CardElement } from '../types';

export type V01Ctx = CardContext<V01State>;

export const conditionChoices = choicesOf(CONDITIONS);

/** Prohibition orders in force against the visitor (V.01.09.8, V.01.03.6), read when the card is drawn. */
export function orderFlags(app: ApplicationDoc<V01State>): CardElement[] {
  return relatedFindings(app).map((f) =>
    banner(findingText(f), f.effect === 'blocks' ? 'attention' : 'warning'),
  );
}

/** V.01.01.4: an approval suspended by a restriction recorded after the decision. */
function suspensionBanner(x: Suspension): CardElement {
  return banner(
    `Approval suspended since ${day(x.at.slice(0, 10)) ?? x.at} (${x.name}): ${RESTRICTIONS[x.restriction].toLowerCase()} recorded after the decision${x.details ? ` — ${x.details}` : ''}. No visits under this approval until the decision maker decides again.`,
  );
}

/** Warnings that must be in front of anyone working on the application. */
export function flags(app: ApplicationDoc<V01State>): CardElement[] {
  const s = app.state;
  const out: CardElement[] = orderFlags(app);
  const suspended = openSuspension(s);
  if (suspended) out.push(suspensionBanner(suspended));
  const block = restrictionBlock(s);
  if (block === 'non-contact') {
    out.push(
      banner(
        'Non-contact condition: no forms may be sent and no visit is possible unless a court exemption is recorded.',
      ),
    );
  } else if (block === 'awaiting-protected-person') {
    out.push(
      banner(
        'Protection/restraining order: nothing goes out until the protected person contacts the prison themselves. Staff must not contact them on the prisoner’s behalf.',
      ),
    );
  }
  if (s.nomination?.visitorType === 'private-child' && cppAlert(s)) {
    out.push(
      alert('Child Protection Policy alert', [
        'The visitor is a child and the prisoner has a Child Protection Policy alert: the advisory panel must consider this application.',
      ]),
    );
  }
  if (s.nomination?.visitorType === 'private-child') {
    out.push(
      alert(
        'A child at risk of serious danger: tell Oranga Tamariki now',
        [
          'If you believe this child is at risk of serious danger, bring it to the attention of Oranga Tamariki now, whether or not an order is in force (C.13).',
        ],
        'warning',
      ),
    );
  }
  const p = s.nomination?.prohibitedElsewhere;
  if (p) {
    out.push(
      banner(
        `The visitor is prohibited at ${p.site}${p.until ? ` until ${day(p.until)}` : ''} (V.01.03.6, V.01.08.7).${p.details ? ` ${p.details}` : ''}`,
        'warning',
      ),
    );
  }
  return out;
}

export function top(ctx: V01Ctx, title: string): CardElement[] {
  return [...heading(title, `${ctx.app.title} · ${ctx.app._id}`), ...notice(ctx.notice), ...flags(ctx.app)];
}

export function summaryFacts(ctx: V01Ctx): CardElement {
  const { app } = ctx;
  const n = app.state.nomination;
  return facts([
    ['Application', app._id],
    ['Prisoner', `${app.prisonerName} (${app.prisonerId}), ${app.site}`],
    [
      'Visitor',
      n
        ? `${n.visitor.name}, born ${day(n.visitor.dateOfBirth)}${n.visitor.minor ? ' — Minor' : ''}${n.visitor.visitorId ? `, IOMS visitor ${n.visitor.visitorId}` : ''}`
        : undefined,
    ],
    ['Visitor type', n ? VISITOR_TYPES[n.visitorType] : undefined],
    ['Relationship', n?.visitor.relationship],
    ['Child Protection Policy alert', n ? (cppAlert(app.state) ? 'Yes' : 'No') : undefined],
    [
      'Consent from',
      n?.consenter
        ? `${n.consenter.name} (${n.consenter.kind === 'guardian' ? 'guardian' : n.consenter.relationship})${n.consenter.reason ? ` — guardian not used: ${n.consenter.reason}` : ''}`
        : n?.orangaTamarikiCare
          ? 'Oranga Tamariki social worker'
          : undefined,
    ],
    ['Contact restriction', n ? RESTRICTIONS[currentRestriction(app.state)] : undefined],
    ['Stage', STAGE_LABELS[v01Stage(app.state)]],
  ]);
}

/** The conditions of an approval (V.01.05), for “Approve with conditions”. */
export function conditionInputs(ctx: V01Ctx): CardElement[] {
  const ask = inputsFor(ctx);
  return [
    ...ask.checks(
      'conditions',
      'Conditions (for “Approve with conditions”, chosen with this prison’s facilities in mind)',
      conditionChoices,
    ),
    ...ask.paragraph('conditionsOther', 'Other conditions', { maxLength: 2000 }),
  ];
}

/** Grounds, the visitor's letter and the reasons on record: what every decision and re-decision asks. */
export function decisionInputs(ctx: V01Ctx): CardElement[] {
  const ask = inputsFor(ctx);
  const e = ctx.errors;
  return [
    ...ask.checks('grounds', 'Grounds (for “Decline”, at least one)', groundChoices()),
    // The letter's optional words, and what the letter says, behind a button; open when they need fixing.
    ...detail(
      'detail-letter',
      'The visitor’s letter',
      [
        text(
          'The visitor’s letter states only the V.01.03.2–3 grounds (V.01.06.6); other grounds stay on the record and the letter says other matters were considered.',
          { subtle: true },
        ),
        text(
          `Before declining on ${RESPONSE_GROUNDS.map((g) => GROUNDS[g].label.toLowerCase()).join('; ')}, the applicant may be given the chance to respond (notices <id> → response card).`,
          { subtle: true },
        ),
        ...ask.paragraph('visitorReasons', 'Extra words for the visitor’s letter (optional)', {
          maxLength: 2000,
        }),
        ...ask.toggle(
          'privacyChecked',
          'Privacy',
          'These words say nothing private about the prisoner or any victim',
        ),
      ],
      !!e?.some((x) => x.field === 'visitorReasons' || x.field === 'privacyChecked'),
    ),
    ...ask.paragraph('rationale', 'Reasons for the decision (kept on the record)', { required: true }),
  ];
}
