import { DESIGNATED_STAFF, GROUNDS, MANAGER_DECIDERS } from '../../services/policy/v01';
import { STAGE_LABELS, v01Stage } from '../../services/workflows/v01/stage';
import { conditionsText } from '../../services/workflows/v01/letters';
import { banner, byLine, data, may, notForYou } from '../common';
import { groundChoices } from '../visitor';
import {
  CHECK_ITEMS,
  GM,
  OUTCOME_LABELS,
  RESPONSE_GROUNDS,
  isChild,
  openResponseOffer,
  outstandingCore,
  route,
} from '../../services/workflows/v01/model';
import { relatedFindings } from '../../services/workflows/v01/prohibitionCheck';
import {
  card,
  choiceInput,
  execute,
  facts,
  keep,
  refreshFor,
  section,
  text,
  textInput,
  toggleInput,
} from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { conditionChoices, summaryFacts, top } from './common';
import type { V01Ctx } from './common';
import { panelBlock, seesAssessments } from './panel';

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
        text(OUTCOME_LABELS[d.outcome], {
          weight: 'Bolder',
          color: good ? 'Good' : 'Attention',
          size: 'Medium',
        }),
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
          : text('Waiting for the response.', { color: 'Warning' }),
      ]),
    ),
  ];
}

function conditionInputs(ctx: V01Ctx): CardElement[] {
  const v = (id: string) => keep(ctx.input, id, undefined);
  return [
    ...choiceInput({
      id: 'conditions',
      label: 'Conditions (for “Approve with conditions”, chosen with this prison’s facilities in mind)',
      value: v('conditions'),
      errors: ctx.errors,
      multi: true,
      expanded: true,
      choices: conditionChoices,
    }),
    ...textInput({
      id: 'conditionsOther',
      label: 'Other conditions',
      value: v('conditionsOther'),
      errors: ctx.errors,
      multiline: true,
      maxLength: 2000,
    }),
  ];
}

/**
 * V.01.03, V.01.04.7–8, V.01.05: the decision. For a child before the advisory panel it is the
 * general manager custodial's, and stays closed until every core member has recorded theirs.
 */
export function v01DecisionCard(ctx: V01Ctx): AdaptiveCard {
  const { app, viewer } = ctx;
  const s = app.state;
  const e = ctx.errors;
  const v = (id: string) => keep(ctx.input, id, undefined);
  const roles = route(s) === 'panel' ? GM : MANAGER_DECIDERS;
  const decider = may(viewer, roles, app.site);
  const refresh = decider ? refreshFor(data(ctx, 'v01.decision'), [viewer.aadObjectId]) : undefined;
  const stage = v01Stage(s);
  const body: CardElement[] = [...top(ctx, 'Visitor application: decision'), summaryFacts(ctx)];
  if (s.routing?.to === 'manager') {
    body.push(
      section('Staff recommendation (V.01.02.3.3)', [
        text(`${s.routing.recommendation ?? ''}: ${s.routing.reasons}`),
        text(byLine('By', s.routing), { subtle: true }),
      ]),
    );
  }
  body.push(...checksSummary(ctx), ...panelBlock(ctx), ...responsesBlock(ctx));
  if (s.referral)
    body.push(
      section('Referred to an in-person panel', [
        text(s.referral.rationale),
        text(byLine('Referred by', s.referral), { subtle: true }),
      ]),
    );
  if (s.decision) return card([...body, ...decisionBlock(ctx)], [], refresh);
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
    body.push(text(`Not ready for a decision: ${STAGE_LABELS[stage]}.`, { color: 'Warning' }));
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
  const child = isChild(s);
  // V.01.09.8: under an order that prevents the visit the decider may only decline or wait.
  const prohibited = relatedFindings(app).some((f) => f.effect === 'blocks');
  body.push(
    section('Your decision', [
      ...(stage === 'in-person-panel'
        ? textInput({
            id: 'panelMeetingNote',
            label: 'What was decided or advised at the in-person panel',
            value: v('panelMeetingNote'),
            errors: e,
            multiline: true,
          })
        : []),
      ...(prohibited ? [] : conditionInputs(ctx)),
      ...choiceInput({
        id: 'grounds',
        label: 'Grounds (for “Decline”, at least one)',
        value: v('grounds'),
        errors: e,
        multi: true,
        expanded: true,
        choices: groundChoices(),
      }),
      text(
        'The visitor’s letter states only the V.01.03.2–3 grounds (V.01.06.6); other grounds stay on the record and the letter says other matters were considered.',
        { subtle: true },
      ),
      text(
        `Before declining on ${RESPONSE_GROUNDS.map((g) => GROUNDS[g].label.toLowerCase()).join('; ')}, the applicant may be given the chance to respond (notices <id> → response card).`,
        { subtle: true },
      ),
      ...textInput({
        id: 'visitorReasons',
        label: 'Extra words for the visitor’s letter (optional)',
        value: v('visitorReasons'),
        errors: e,
        multiline: true,
        maxLength: 2000,
      }),
      ...toggleInput({
        id: 'privacyChecked',
        label: 'Privacy',
        title: 'These words say nothing private about the prisoner or any victim',
        value: v('privacyChecked'),
        errors: e,
      }),
      ...textInput({
        id: 'rationale',
        label: 'Reasons for the decision (kept on the record)',
        value: v('rationale'),
        required: true,
        errors: e,
        multiline: true,
      }),
      ...(child
        ? toggleInput({
            id: 'cppReferred',
            label: 'Child Protection Policy',
            title: 'I have referred to the Child Protection Policy on keeping children safe',
            value: v('cppReferred'),
            errors: e,
          })
        : []),
    ]),
  );
  const act = (title: string, outcome: string, style?: 'positive' | 'destructive'): CardAction =>
    execute(title, data(ctx, 'v01.decision', 'v01.decide', { outcome }), style ? { style } : {});
  const actions: CardAction[] = prohibited ? [] : [act('Approve', 'approved', 'positive')];
  if (!prohibited && may(viewer, GM, app.site))
    actions.push(act('Approve with conditions', 'approved-with-conditions'));
  actions.push(act('Decline', 'declined', 'destructive'));
  if (stage === 'gm-decision') actions.push(act('Refer to in-person panel', 'refer-in-person'));
  return card(body, actions, refresh);
}
