import type { ApplicationDoc } from '../../services/store/types';
import {
  RESTRICTIONS,
  VISITOR_TYPES,
  cppAlert,
  currentRestriction,
  restrictionBlock,
  CONDITIONS,
} from '../../services/workflows/v01/model';
import type { V01State } from '../../services/workflows/v01/model';
import { findingText, relatedFindings } from '../../services/workflows/v01/prohibitionCheck';
import { STAGE_LABELS, v01Stage } from '../../services/workflows/v01/stage';
import { banner, choicesOf, day } from '../common';
import { facts, heading, notice, text } from '../kit';
import type { CardContext, CardElement } from '../types';

export type V01Ctx = CardContext<V01State>;

export const conditionChoices = choicesOf(CONDITIONS);
export const yesNoChoices = [
  { title: 'Yes', value: 'yes' },
  { title: 'No', value: 'no' },
];

/** Prohibition orders in force against the visitor (V.01.09.8, V.01.03.6), read when the card is drawn. */
export function orderFlags(app: ApplicationDoc<V01State>): CardElement[] {
  return relatedFindings(app).map((f) =>
    banner(findingText(f), f.effect === 'blocks' ? 'attention' : 'warning'),
  );
}

/** Warnings that must be in front of anyone working on the application. */
export function flags(app: ApplicationDoc<V01State>): CardElement[] {
  const s = app.state;
  const out: CardElement[] = orderFlags(app);
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
      banner(
        'Child visitor and the prisoner has a Child Protection Policy alert: the advisory panel must consider this application.',
        'warning',
      ),
    );
  }
  if (s.nomination?.visitorType === 'private-child') {
    out.push(
      text(
        'If you believe this child is at risk of serious danger, bring it to the attention of Oranga Tamariki now, whether or not an order is in force (C.13).',
        { color: 'Attention', size: 'Small' },
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
