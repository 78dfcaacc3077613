import { DESIGNATED_STAFF, groundTitle } from '../../services/policy/v01';
import { conditionsText } from '../../services/workflows/v01/letters';
import {
  GM,
  OUTCOME_LABELS,
  RESTRICTIONS,
  decidersFor,
  openSuspension,
} from '../../services/workflows/v01/model';
import type { Suspension } from '../../services/workflows/v01/model';
import { byLine, data, may, notForYou } from '../common';
import { execute, facts, section, text } from '../kit';
import type { CardAction, CardElement } from '../types';
import { conditionInputs, decisionInputs } from './common';
import type { V01Ctx } from './common';

/**
 * V.01.01.4 after the decision: a restriction recorded once a visit was approved suspends the
 * approval. Every card says so at the top (`flags` in ./common); the decision card shows each
 * suspension and, to the decision maker, the form to decide again.
 */

function suspensionSection(ctx: V01Ctx, x: Suspension): CardElement {
  const d = x.redecision;
  const reasons = may(ctx.viewer, [...DESIGNATED_STAFF, ...decidersFor(ctx.app.state)], ctx.app.site);
  return section(`Suspension ${x.n}: a new contact restriction`, [
    facts([
      ['Restriction', RESTRICTIONS[x.restriction]],
      ['Details', x.details],
      ['Decided again', d ? OUTCOME_LABELS[d.outcome] : 'Not yet: visits are not allowed'],
      ['Conditions', d && conditionsText(d).length ? conditionsText(d).join('; ') : undefined],
      ['Grounds', d?.grounds.length ? d.grounds.map(groundTitle).join('; ') : undefined],
      // As for the first decision: the reasons may draw on intelligence.
      ['Reasons', reasons ? d?.rationale : undefined],
    ]),
    text(byLine('Suspended by recording the restriction:', x), { subtle: true }),
    ...(d ? [text(byLine('Decided again by', d), { subtle: true })] : []),
  ]);
}

/** Every suspension of the approval and what was decided after it. */
export function suspensionsBlock(ctx: V01Ctx): CardElement[] {
  return (ctx.app.state.suspensions ?? []).map((x) => suspensionSection(ctx, x));
}

/** The decision maker decides again: approve with conditions (the GM, V.01.05) or decline. */
export function redecisionForm(ctx: V01Ctx): { body: CardElement[]; actions: CardAction[] } {
  const { app, viewer } = ctx;
  const s = app.state;
  const x = openSuspension(s);
  if (!x) return { body: [], actions: [] };
  const roles = decidersFor(s);
  if (!may(viewer, roles, app.site)) return { body: [notForYou(roles, app.site)], actions: [] };
  const gm = may(viewer, GM, app.site);
  const act = (title: string, outcome: string, style: 'positive' | 'destructive'): CardAction =>
    execute(title, data(ctx, 'v01.decision', 'v01.redecide', { outcome }), { style });
  return {
    body: [
      section('Decide again', [
        text(
          gm
            ? 'Approve with conditions that meet the new restriction, or decline. Approval needs the protected person’s own contact or a court exemption recorded first.'
            : 'Decline, or leave it for the general manager custodial, who may approve with conditions (V.01.05).',
          { subtle: true },
        ),
        ...(gm ? conditionInputs(ctx) : []),
        ...decisionInputs(ctx),
      ]),
    ],
    actions: [
      ...(gm ? [act('Approve with conditions', 'approved-with-conditions', 'positive')] : []),
      act('Decline', 'declined', 'destructive'),
    ],
  };
}
