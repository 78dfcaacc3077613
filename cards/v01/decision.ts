import { DESIGNATED_STAFF, GROUNDS, MANAGER_DECIDERS } from '../../services/policy/v01';
import { STAGE_LABELS, v01Stage } from '../../services/workflows/v01/stage';
import { conditionsText } from '../../services/workflows/v01/letters';
import { banner, byLine, data, may, notForYou } from '../common';
import {
  CHECK_ITEMS,
  GM,
  OUTCOME_LABELS,
  isChild,
  openResponseOffer,
  outstandingCore,
  route,
} from '../../services/workflows/v01/model';
import { relatedFindings } from '../../services/workflows/v01/prohibitionCheck';
import {
  card,
  detail,
  execute,
  facts,
  refreshFor,
  section,
  sectionsDetail,
  text,
  verdict,
  inputsFor,
} from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { conditionInputs, decisionInputs, summaryFacts, top } from './common';
import type { V01Ctx } from './common';
import { panelBlock, seesAssessments } from './panel';
import { redecisionForm, suspensionsBlock } from './suspension';

export function decisionBlock(ctx: V01Ctx): CardElement[] {
  const s = ctx.app.state;
  const d = s.decision;
  if (!d) return [];
  const good = d.outcome !== 'declined';
  const conditions = conditionsText(d);
  return [
    section(
      `Decision (${d.via === 'manager' ? 'reception/movements manager' : 'general manager custodial'})`,
      [
        verdict(OUTCOME_LABELS[d.outcome], good),
        facts([
          ['Conditions', conditions.length ? conditions.join('; ') : undefined],
          [
            'Grounds',
            d.grounds.length
              ? d.grounds.map((g) => `${GROUNDS[g].label} (${GROUNDS[g].para})`).join('; ')
              : undefined,
          ],
          // The decider's reasons may draw on intelligence: only the people who process or decide see them.
          [
            'Reasons',
            seesAssessments(ctx) || may(ctx.viewer, DESIGNATED_STAFF, ctx.app.site) ? d.rationale : undefined,
          ],
          ['In-person panel', d.panelMeetingNote],
        ]),
        text(byLine('Decided by', d), { subtle: true }),
      ],
    ),
    ...suspensionsBlock(ctx),
  ];
}

function checksSummary(ctx: V01Ctx): CardElement[] {
  const s = ctx.app.state;
  const sec = s.checks['security-checks']?.security;
  const further = s.checks['further-information']?.furtherInformation;
  const yn = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'Yes' : 'No');
  return [
    section('Checks', [
      facts([
        ['Authority for records checks', yn(s.checks.authority?.authorityGiven)],
        [
          'Ever imprisoned',
          sec
            ? `${yn(sec.everImprisoned)}${sec.imprisonedWhen ? ` (${sec.imprisonedWhen})` : ''}`
            : undefined,
        ],
        ['On bail', yn(sec?.onBail)],
        ['Convicted in the last 2 years', yn(sec?.convictedLastTwoYears)],
        ['Further information', further && further.to !== 'none' ? further.details : undefined],
        [
          'Checklist',
          Object.keys(s.checks).length === Object.keys(CHECK_ITEMS).length ? 'Complete' : 'Incomplete',
        ],
      ]),
      text('Current or past offending should not result in an automatic refusal (V.01.03.1).', {
        subtle: true,
      }),
    ]),
  ];
}

function responsesBlock(ctx: V01Ctx): CardElement[] {
  const offers = ctx.app.state.responseOffers;
  if (!offers.length) return [];
  return [
    section(
      'Opportunity to respond (V.01.03.4)',
      offers.flatMap((o) => [
        text(`${o.grounds.map((g) => GROUNDS[g].label).join('; ')}: ${o.details}`),
        text(byLine('Offered by', o), { subtle: true }),
        o.response
          ? text(`Response: ${o.response.text} (${byLine('recorded by', o.response)})`)
          : text('Waiting for the response.', { tone: 'caution' }),
      ]),
    ),
  ];
}

/** The decider's form: the outcome's inputs, with conditions and the letter's words behind buttons. */
function decisionForm(ctx: V01Ctx, stage: string, prohibited: boolean): CardElement {
  const ask = inputsFor(ctx);
  const e = ctx.errors;
  const child = isChild(ctx.app.state);
  return section('Your decision', [
    ...(stage === 'in-person-panel'
      ? ask.paragraph('panelMeetingNote', 'What was decided or advised at the in-person panel')
      : []),
    // Conditions matter only to "Approve with conditions": behind a button, open when they have errors.
    ...(prohibited
      ? []
      : detail(
          'detail-conditions',
          'Add conditions',
          conditionInputs(ctx),
          !!e?.some((x) => x.field.startsWith('conditions')),
        )),
    ...decisionInputs(ctx),
    ...(child
      ? ask.toggle(
          'cppReferred',
          'Child Protection Policy',
          'I have referred to the Child Protection Policy on keeping children safe',
        )
      : []),
  ]);
}

/**
 * V.01.03, V.01.04.7–8, V.01.05: the decision. For a child before the advisory panel it is the
 * general manager custodial's, and stays closed until every core member has recorded theirs.
 */
export function v01DecisionCard(ctx: V01Ctx): AdaptiveCard {
  const { app, viewer } = ctx;
  const s = app.state;
  const roles = route(s) === 'panel' ? GM : MANAGER_DECIDERS;
  const decider = may(viewer, roles, app.site);
  const refresh = decider ? refreshFor(data(ctx, 'v01.decision'), [viewer.aadObjectId]) : undefined;
  const stage = v01Stage(s);
  const body: CardElement[] = [...top(ctx, 'Visitor application: decision'), summaryFacts(ctx)];
  // What the decision rests on, behind "Show sections": the summary, the outcome and the form come first.
  const record: CardElement[] = [];
  if (s.routing?.to === 'manager') {
    record.push(
      section('Staff recommendation (V.01.02.3.3)', [
        text(`${s.routing.recommendation ?? ''}: ${s.routing.reasons}`),
        text(byLine('By', s.routing), { subtle: true }),
      ]),
    );
  }
  record.push(...checksSummary(ctx), ...panelBlock(ctx), ...responsesBlock(ctx));
  if (s.referral)
    record.push(
      section('Referred to an in-person panel', [
        text(s.referral.rationale),
        text(byLine('Referred by', s.referral), { subtle: true }),
      ]),
    );
  if (s.decision) {
    const again = redecisionForm(ctx);
    return card(
      [...body, ...decisionBlock(ctx), ...again.body, ...sectionsDetail(record)],
      again.actions,
      refresh,
    );
  }
  body.push(...sectionsDetail(record));
  if (stage === 'panel' || stage === 'panel-convening') {
    const waiting = outstandingCore(s).map((m) => m.name);
    body.push(
      banner(
        waiting.length
          ? `The decision opens when every core panel member has recorded theirs. Outstanding: ${waiting.join(', ')}.`
          : 'The advisory panel has not been convened yet.',
        'warning',
      ),
    );
    return card(body, [], refresh);
  }
  if (!['manager-decision', 'gm-decision', 'in-person-panel'].includes(stage)) {
    body.push(text(`Not ready for a decision: ${STAGE_LABELS[stage]}.`, { tone: 'caution' }));
    return card(body, [], refresh);
  }
  if (!decider) return card([...body, notForYou(roles, app.site)]);
  const offer = openResponseOffer(s);
  if (offer) {
    body.push(
      banner(
        'The applicant was given a chance to respond: record their response before deciding.',
        'warning',
      ),
    );
    return card(body, [], refresh);
  }
  // V.01.09.8: under an order that prevents the visit the decider may only decline or wait.
  const prohibited = relatedFindings(app).some((f) => f.effect === 'blocks');
  body.push(decisionForm(ctx, stage, prohibited));
  const act = (title: string, outcome: string, style?: 'positive' | 'destructive'): CardAction =>
    execute(title, data(ctx, 'v01.decision', 'v01.decide', { outcome }), style ? { style } : {});
  const actions: CardAction[] = prohibited ? [] : [act('Approve', 'approved', 'positive')];
  if (!prohibited && may(viewer, GM, app.site))
    actions.push(act('Approve with conditions', 'approved-with-conditions'));
  actions.push(act('Decline', 'declined', 'destructive'));
  if (stage === 'gm-decision') actions.push(act('Refer to in-person panel', 'refer-in-person'));
  return card(body, actions, refresh);
}
