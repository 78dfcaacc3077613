import type { FieldError } from '../../services/errors';
import { DESIGNATED_STAFF, MANAGER_DECIDERS } from '../../services/policy/v01';
import { CHIEF_INSPECTOR, SCOPE_LABELS } from '../../services/workflows/prohibition/model';
import { banner, choicesOf, countdown, data, may, notForYou } from '../common';
import {
  card,
  choiceInput,
  dateInput,
  execute,
  keep,
  refreshFor,
  section,
  textInput,
  toggleInput,
} from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { orderFacts, reviewFacts, top } from './common';
import type { V01PCtx } from './common';

type Value = (id: string) => string | undefined;

/** The Chief Inspector's answer: reasons, and what a modification or a refusal needs. */
function decisionInputs(v: Value, e: FieldError[] | undefined): CardElement[] {
  return [
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
      choices: choicesOf(SCOPE_LABELS),
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
  ];
}

/** A written application for a review, as staff record it (V.01.09.1–3). */
function requestInputs(v: Value, e: FieldError[] | undefined): CardElement[] {
  return [
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
  ];
}

/** V.01.09: staff record a written application; the Chief Inspector reviews within 21 days. */
export function reviewCard(ctx: V01PCtx): AdaptiveCard {
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
    body.push(section('Your review', decisionInputs(v, e)));
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
  body.push(section('Record a written review application', requestInputs(v, e)));
  actions.push(execute('Record review application', data(ctx, 'v01p.review', 'v01p.requestReview')));
  return card(body, actions, refresh);
}
