import { hasAnyRole } from '../../services/directory/person';
import type { Actor } from '../../services/directory/person';
import { roleListLabel } from '../../services/directory/roles';
import type { Role } from '../../services/directory/roles';
import { formatNz, nzLocalToUtc } from '../../services/time';
import {
  CONDITIONS,
  DELIVERY_METHODS,
  GROUNDS,
  GROUND_KEYS,
  RESTRICTIONS,
  STAGE_LABELS,
  VISITOR_TYPES,
  currentRestriction,
  cppAlert,
  restrictionBlock,
  v01Stage,
} from '../../services/workflows/v01/model';
import type { Ground, Stamp, V01State } from '../../services/workflows/v01/model';
import type { ApplicationDoc } from '../../services/store/types';
import { findingText, relatedFindings } from '../../services/workflows/v01/prohibitionCheck';
import { alert, facts, heading, notice, text } from '../kit';
import type { ActionData, CardContext, CardElement } from '../types';

export type V01Ctx = CardContext<V01State>;

export function may(viewer: Actor, roles: readonly Role[], site: string): boolean {
  return hasAnyRole(viewer, roles, site);
}

/** Action.Execute data: the card to redraw, ids and the version seen; never who the viewer is. */
export function data(
  ctx: Pick<CardContext, 'app'>,
  card: string,
  command?: string,
  args?: Record<string, string | number | boolean>,
): ActionData {
  return {
    card,
    applicationId: ctx.app._id,
    version: ctx.app.version,
    ...(command ? { command } : {}),
    ...(args ? { args } : {}),
  };
}

export function byLine(prefix: string, st: Stamp): string {
  return `${prefix} ${st.by}, ${formatNz(new Date(st.at))}`;
}

export function day(d: string | undefined): string | undefined {
  if (!d) return undefined;
  const at = nzLocalToUtc(d, '12:00');
  return at ? formatNz(at, false) : d;
}

export function notForYou(roles: readonly Role[], site: string): CardElement {
  return text(`This is for ${roleListLabel(roles)} at ${site === '*' ? 'national office' : site}.`, {
    tone: 'caution',
    weight: 'Bolder',
  });
}

/** A banner at the top of a V.01 card: an alert, or a good-news line. */
export function banner(message: string, tone: 'attention' | 'warning' | 'good' = 'attention'): CardElement {
  return tone === 'good' ? notice({ text: message, tone })[0]! : alert(message, [], tone);
}

export const groundChoices = (only?: readonly Ground[]) =>
  GROUND_KEYS.filter((g) => !only || only.includes(g)).map((g) => ({
    title: `${GROUNDS[g].label} (${GROUNDS[g].para})`,
    value: g,
  }));
export const conditionChoices = Object.entries(CONDITIONS).map(([value, title]) => ({ title, value }));
export const deliveryChoices = Object.entries(DELIVERY_METHODS).map(([value, title]) => ({ title, value }));
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
