import { openInTautoko } from '../links';
import { formatNz } from '../../services/time';
import { DESIGNATED_STAFF, GROUNDS, MANAGER_DECIDERS } from '../../services/workflows/v01/model';
import { orderReviewText, orderText } from '../../services/workflows/v01/notices';
import {
  CHIEF_INSPECTOR,
  ORDER_STAGE_LABELS,
  SCOPE_LABELS,
  currentTerms,
  isProhibitionInForce,
  orderNotices,
  orderStage,
  prohibitionEnds,
} from '../../services/workflows/v01/prohibition';
import type { ProhibitionReview, V01PState } from '../../services/workflows/v01/prohibition';
import type { AuditEvent } from '../../services/store/types';
import {
  card,
  choiceInput,
  dateInput,
  execute,
  facts,
  formErrors,
  heading,
  keep,
  notice,
  refreshFor,
  section,
  startSubmit,
  text,
  textInput,
  toggleInput,
} from '../kit';
import type { AdaptiveCard, CardAction, CardContext, CardElement, FormContext, FormRenderer } from '../types';
import { banner, byLine, data, day, deliveryChoices, groundChoices, may, notForYou } from './common';
import { countdown } from './review';
import { timeline } from './status';

export type V01PCtx = CardContext<V01PState>;

const START_FIELDS = [
  'site',
  'visitorName',
  'visitorDob',
  'visitorId',
  'visitorAddress',
  'guardianName',
  'guardianAddress',
  'scope',
  'prisoners',
  'grounds',
  'reasons',
  'privacyChecked',
  'expiresOn',
  'relatedApplicationId',
];

/** V.01.08: the reception/movements manager completes and signs the order; submitting signs it. */
export const v01pStartForm: FormRenderer = (ctx: FormContext) => {
  const v = (id: string) => keep(ctx.input, id, undefined);
  const e = ctx.errors;
  const site =
    v('site') ?? ctx.viewer.roles.find((g) => MANAGER_DECIDERS.includes(g.role) && g.site !== '*')?.site;
  return card(
    [
      ...heading(
        'New visitor prohibition order',
        'V.01.Form.01.13. Every part must be completed. Submitting signs the order in your name.',
      ),
      ...notice(ctx.notice),
      ...formErrors(e, START_FIELDS),
      ...textInput({
        id: 'site',
        label: 'Prison (site)',
        value: site,
        required: true,
        errors: e,
        maxLength: 60,
      }),
      text('Visitor', { weight: 'Bolder' }),
      ...textInput({
        id: 'visitorName',
        label: 'Full name',
        value: v('visitorName'),
        required: true,
        errors: e,
      }),
      ...dateInput({
        id: 'visitorDob',
        label: 'Date of birth',
        value: v('visitorDob'),
        required: true,
        errors: e,
      }),
      ...textInput({
        id: 'visitorId',
        label: 'IOMS visitor id (if the visitor has one)',
        value: v('visitorId'),
        errors: e,
        maxLength: 40,
      }),
      ...textInput({
        id: 'visitorAddress',
        label: 'Last known address',
        value: v('visitorAddress'),
        required: true,
        errors: e,
        maxLength: 400,
      }),
      ...textInput({
        id: 'guardianName',
        label: 'Guardian (if the visitor is under 18)',
        value: v('guardianName'),
        errors: e,
      }),
      ...textInput({
        id: 'guardianAddress',
        label: 'Guardian’s address',
        value: v('guardianAddress'),
        errors: e,
        maxLength: 400,
      }),
      text('Who the order covers', { weight: 'Bolder' }),
      ...choiceInput({
        id: 'scope',
        label: 'Prohibited from visiting',
        value: v('scope'),
        required: true,
        errors: e,
        expanded: true,
        choices: Object.entries(SCOPE_LABELS).map(([value, title]) => ({ title, value })),
      }),
      ...textInput({
        id: 'prisoners',
        label: 'Prisoners (one per line: PRN, then name)',
        value: v('prisoners'),
        errors: e,
        multiline: true,
        maxLength: 4000,
      }),
      text('Reasons', { weight: 'Bolder' }),
      ...choiceInput({
        id: 'grounds',
        label: 'V.01.03 grounds (at least one of V.01.03.5)',
        value: v('grounds'),
        required: true,
        errors: e,
        multi: true,
        expanded: true,
        choices: groundChoices().filter((c) => c.value !== 'prohibited-elsewhere'),
      }),
      ...textInput({
        id: 'reasons',
        label: 'Reasons as the visitor will read them',
        value: v('reasons'),
        required: true,
        errors: e,
        multiline: true,
        maxLength: 4000,
      }),
      ...toggleInput({
        id: 'privacyChecked',
        label: 'Privacy',
        title: 'The reasons say nothing private about any prisoner or victim',
        value: v('privacyChecked'),
        errors: e,
      }),
      ...dateInput({
        id: 'expiresOn',
        label: 'Expiry date (in force until the close of this day, NZ time)',
        value: v('expiresOn'),
        required: true,
        errors: e,
      }),
      ...textInput({
        id: 'relatedApplicationId',
        label: 'Related visitor application (VIS-…), if any',
        value: v('relatedApplicationId'),
        errors: e,
        maxLength: 40,
      }),
    ],
    [startSubmit('V01P', 'Sign and issue order')],
  );
};

function top(ctx: V01PCtx, title: string): CardElement[] {
  const out = [...heading(title, `${ctx.app.title} · ${ctx.app._id}`), ...notice(ctx.notice)];
  const t = currentTerms(ctx.app.state);
  if (t) {
    out.push(
      isProhibitionInForce(ctx.app.state, ctx.now)
        ? banner(
            `In force until the close of ${day(t.expiresOn)} (${formatNz(prohibitionEnds(t.expiresOn))}).`,
          )
        : banner(
            t.reversed
              ? 'Reversed on review: not in force.'
              : `Expired at the close of ${day(t.expiresOn)}: the visitor may reapply.`,
            'good',
          ),
    );
  }
  return out;
}

function orderFacts(ctx: V01PCtx): CardElement {
  const o = ctx.app.state.order;
  const t = currentTerms(ctx.app.state);
  return facts([
    ['Order', ctx.app._id],
    [
      'Visitor',
      o
        ? `${o.visitor.name}, born ${day(o.visitor.dateOfBirth)}${o.visitor.minor ? ' — Minor' : ''}`
        : undefined,
    ],
    ['Guardian', o?.guardian?.name],
    [
      'Covers',
      t
        ? t.scope === 'prison'
          ? `${SCOPE_LABELS.prison}, ${ctx.app.site}`
          : t.prisoners.map((p) => `${p.name} (${p.id})`).join(', ')
        : undefined,
    ],
    ['Grounds', o ? o.grounds.map((g) => `${GROUNDS[g].label} (${GROUNDS[g].para})`).join('; ') : undefined],
    ['Expires', t ? `Close of ${day(t.expiresOn)}` : undefined],
    ['Signed', o ? `${o.signed.by}, ${formatNz(new Date(o.signed.at))}` : undefined],
    ['Related application', o?.relatedApplicationId],
    ['Stage', ORDER_STAGE_LABELS[orderStage(ctx.app.state)]],
  ]);
}

/** V.01.08.2–4 and V.01.09.7: the order's text and each copy to give, with "mark given". */
export function v01pOrderCard(ctx: V01PCtx): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
  const e = ctx.errors;
  const roles = [...DESIGNATED_STAFF, ...MANAGER_DECIDERS];
  const staff = may(ctx.viewer, roles, app.site);
  const body: CardElement[] = [
    ...top(ctx, 'Visitor prohibition order'),
    orderFacts(ctx),
    section('Visitor’s order', [text(orderText(app, 'visitor'), { size: 'Small' })]),
    ...(currentTerms(s)?.prisoners.length
      ? [section('Prisoner’s copy (no address)', [text(orderText(app, 'prisoner'), { size: 'Small' })])]
      : []),
  ];
  for (const r of s.reviews)
    if (r.result)
      body.push(section(`Review ${r.n} result`, [text(orderReviewText(app, r.n), { size: 'Small' })]));
  const list = orderNotices(s);
  if (staff && list.some((n) => !s.notices[n.key]))
    body.push(
      ...choiceInput({
        id: 'method',
        label: 'How it was given',
        value: keep(ctx.input, 'method', undefined),
        errors: e,
        choices: deliveryChoices,
      }),
    );
  for (const n of list) {
    const given = s.notices[n.key];
    body.push(
      section(`${n.form} — ${n.recipient}`, [
        given
          ? text(`✔ ${byLine('Recorded by', given)}`, { tone: 'done' })
          : staff
            ? {
                type: 'ActionSet',
                actions: [
                  execute('Mark given', data(ctx, 'v01p.order', 'v01p.recordNoticeGiven', { notice: n.key })),
                ],
              }
            : text('Not given yet.', { subtle: true }),
      ]),
    );
  }
  if (!staff) body.push(notForYou(roles, app.site));
  return card(body);
}

function reviewFacts(r: ProhibitionReview): CardElement[] {
  return [
    facts([
      ['Applicant', `${r.applicantName} (${r.applicant})`],
      ['Received', day(r.receivedOn)],
      ['Reasons given', r.reasons],
      ['Outcome', r.result ? r.result.outcome : undefined],
      ['Chief Inspector’s reasons', r.result?.reasons],
    ]),
    text(byLine('Recorded by', r.recorded), { subtle: true }),
    ...(r.result ? [text(byLine('Reviewed by', r.result), { subtle: true })] : []),
  ];
}

/** V.01.09: staff record a written application; the Chief Inspector reviews within 21 days. */
export function v01pReviewCard(ctx: V01PCtx): AdaptiveCard {
  const { app, viewer } = ctx;
  const s = app.state;
  const e = ctx.errors;
  const v = (id: string) => keep(ctx.input, id, undefined);
  const inspector = may(viewer, CHIEF_INSPECTOR, app.site);
  const body: CardElement[] = [...top(ctx, 'Review of a prohibition order'), orderFacts(ctx)];
  s.reviews.forEach((r) => body.push(section(`Review ${r.n}`, reviewFacts(r))));
  const open = s.reviews.find((r) => !r.result);
  const actions: CardAction[] = [];
  const refresh = inspector ? refreshFor(data(ctx, 'v01p.review'), [viewer.aadObjectId]) : undefined;
  if (open) {
    const c = countdown(ctx.now, new Date(open.dueAt));
    body.push(banner(`Review ${open.n}: ${c.text}`, c.tone));
    if (!inspector) return card([...body, notForYou(CHIEF_INSPECTOR, '*')], [], refresh);
    body.push(
      section('Your review', [
        ...textInput({
          id: 'reasons',
          label: 'Reasons (sent in writing to the visitor and the prisoners)',
          value: v('reasons'),
          required: true,
          errors: e,
          multiline: true,
        }),
        ...dateInput({
          id: 'newExpiresOn',
          label: 'Modify: new expiry date',
          value: v('newExpiresOn'),
          errors: e,
        }),
        ...choiceInput({
          id: 'newScope',
          label: 'Modify: covers',
          value: v('newScope'),
          errors: e,
          choices: Object.entries(SCOPE_LABELS).map(([value, title]) => ({ title, value })),
        }),
        ...textInput({
          id: 'newPrisoners',
          label: 'Modify: prisoners (one per line: PRN, then name)',
          value: v('newPrisoners'),
          errors: e,
          multiline: true,
          maxLength: 4000,
        }),
        ...textInput({
          id: 'earlierReview',
          label: 'Refuse: the earlier review this one repeats',
          value: v('earlierReview'),
          errors: e,
        }),
        ...toggleInput({
          id: 'noMaterialChange',
          label: 'Refuse',
          title: 'No material changes since that review',
          value: v('noMaterialChange'),
          errors: e,
        }),
      ]),
    );
    for (const [outcome, title] of [
      ['confirm', 'Confirm'],
      ['reverse', 'Reverse'],
      ['modify', 'Modify'],
      ['refuse', 'Refuse to review'],
    ] as const) {
      actions.push(execute(title, data(ctx, 'v01p.review', 'v01p.decideReview', { outcome })));
    }
    return card(body, actions, refresh);
  }
  const roles = [...DESIGNATED_STAFF, ...MANAGER_DECIDERS, ...CHIEF_INSPECTOR];
  if (!may(viewer, roles, app.site)) return card([...body, notForYou(roles, app.site)], [], refresh);
  body.push(
    section('Record a written review application', [
      ...choiceInput({
        id: 'applicant',
        label: 'Who applied',
        value: v('applicant'),
        required: true,
        errors: e,
        expanded: true,
        choices: [
          { title: 'The prohibited visitor', value: 'visitor' },
          { title: 'The guardian of a visitor under 18', value: 'guardian' },
          { title: 'A prisoner given a copy of the order', value: 'prisoner' },
        ],
      }),
      ...textInput({
        id: 'applicantName',
        label: 'Applicant’s name (for a prisoner, include their PRN)',
        value: v('applicantName'),
        required: true,
        errors: e,
      }),
      ...dateInput({
        id: 'receivedOn',
        label: 'Date received',
        value: v('receivedOn'),
        required: true,
        errors: e,
      }),
      ...textInput({
        id: 'reasons',
        label: 'Their reasons for seeking the review',
        value: v('reasons'),
        required: true,
        errors: e,
        multiline: true,
      }),
    ]),
  );
  actions.push(execute('Record review application', data(ctx, 'v01p.review', 'v01p.requestReview')));
  return card(body, actions, refresh);
}

const ORDER_EVENT_LABELS: Record<string, string> = {
  'v01p.issued': 'Order signed and issued',
  'v01p.noticeGiven': 'Order or letter given',
  'v01p.reviewRequested': 'Review applied for',
  'v01p.reviewDecided': 'Chief Inspector’s review recorded',
};

/** `status <id>` for a prohibition order: in force or not, now, in NZ time. */
export function v01pStatusCard(ctx: V01PCtx): AdaptiveCard {
  const s = ctx.app.state;
  const body: CardElement[] = [...top(ctx, 'Visitor prohibition order'), orderFacts(ctx)];
  s.reviews.forEach((r) => body.push(section(`Review ${r.n}`, reviewFacts(r))));
  body.push(
    ...timeline(ctx.history, ORDER_EVENT_LABELS, (e: AuditEvent) =>
      e.type === 'v01p.reviewDecided'
        ? `: ${String(e.payload['outcome'])}`
        : e.type === 'v01p.noticeGiven'
          ? `: ${String(e.payload['notice'])}`
          : '',
    ),
  );
  return card(body, [
    execute('Order and copies', data(ctx, 'v01p.order'), { validate: false }),
    execute('Review', data(ctx, 'v01p.review'), { validate: false }),
    ...openInTautoko(ctx),
  ]);
}
