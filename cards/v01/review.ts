import { DESIGNATED_STAFF } from '../../services/policy/v01';
import { conditionsText } from '../../services/workflows/v01/letters';
import { banner, byLine, countdown, data, day, may, notForYou, choicesOf } from '../common';
import {
  OUTCOME_LABELS,
  REVIEW_OFFICER,
  REVIEW_OUTCOMES,
  openReview,
  standingDecision,
} from '../../services/workflows/v01/model';
import type { Review } from '../../services/workflows/v01/model';
import { card, execute, facts, refreshFor, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import { conditionChoices, top } from './common';
import type { V01Ctx } from './common';

export function reviewFacts(r: Review): CardElement[] {
  const out: CardElement[] = [
    facts([
      ['Requested by', r.requestedBy === 'visitor' ? 'The visitor' : 'The prisoner'],
      ['Received', day(r.receivedOn)],
      ['How', r.channel],
      ['Complaint reference', r.complaintRef],
      ['Decision under review', OUTCOME_LABELS[r.reviewing]],
      ['Reasons for the request', r.reasons],
    ]),
    text(byLine('Recorded by', r.recorded), { subtle: true }),
  ];
  if (r.result) {
    const st = r.result.standing;
    out.push(
      text(REVIEW_OUTCOMES[r.result.outcome], { weight: 'Bolder' }),
      facts([
        [
          'Decision now',
          `${OUTCOME_LABELS[st.outcome]}${conditionsText(st).length ? `: ${conditionsText(st).join('; ')}` : ''}`,
        ],
        ['Reasons', r.result.reasons],
        ['Earlier review', r.result.earlierReview],
      ]),
      text(byLine('Reviewed by', r.result), { subtle: true }),
    );
  }
  return out;
}

/**
 * V.01.07: staff record a review request from the visitor or the prisoner; the review officer
 * (Director Office of the Commissioner Custodial Services) sees a 21-day countdown and records
 * confirm, reverse, modify or a refusal to review.
 */
export function v01ReviewCard(ctx: V01Ctx): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app, viewer } = ctx;
  const s = app.state;
  const reviewer = may(viewer, REVIEW_OFFICER, app.site);
  const body: CardElement[] = [...top(ctx, 'Review of the visit decision')];
  const standing = standingDecision(s);
  body.push(
    facts([
      [
        'Decision',
        standing
          ? `${OUTCOME_LABELS[standing.outcome]}${conditionsText(standing).length ? `: ${conditionsText(standing).join('; ')}` : ''}`
          : 'Not decided yet',
      ],
    ]),
  );
  s.reviews.forEach((r) => body.push(section(`Review ${r.n}`, reviewFacts(r))));
  const open = openReview(s);
  const actions: CardAction[] = [];
  const sectionC = s.reviews.find(
    (r) => r.result && r.requestedBy === 'prisoner' && !s.followUps[`review-${r.n}-complaint`],
  );
  if (sectionC && reviewer) {
    actions.push(
      execute(
        `Section C of the complaint done (review ${sectionC.n})`,
        data(ctx, 'v01.review', 'v01.recordFollowUp', { item: `review-${sectionC.n}-complaint` }),
        { validate: false },
      ),
    );
  }
  const refresh = reviewer ? refreshFor(data(ctx, 'v01.review'), [viewer.aadObjectId]) : undefined;
  if (open) {
    const c = countdown(ctx.now, new Date(open.dueAt));
    body.push(banner(`Review ${open.n}: ${c.text}`, c.tone));
    if (!reviewer) return card([...body, notForYou(REVIEW_OFFICER, '*')], [], refresh);
    body.push(
      section('Your review', [
        ...ask.text('reasons', 'Reasons (sent to the visitor and the prisoner)', {
          required: true,
          multiline: true,
        }),
        ...ask.choice('newConditions', 'Modify: the conditions that now apply', conditionChoices, {
          multi: true,
          expanded: true,
        }),
        ...ask.text('newConditionsOther', 'Modify: other conditions', { multiline: true, maxLength: 2000 }),
        ...ask.text('earlierReview', 'Refuse: the earlier review this one repeats'),
        ...ask.toggle('noMaterialChange', 'Refuse', 'No material change in circumstances since that review'),
      ]),
    );
    for (const [outcome, title] of [
      ['confirm', 'Confirm'],
      ['reverse', 'Reverse'],
      ['modify', 'Modify'],
      ['refuse', 'Refuse to review'],
    ] as const) {
      actions.push(execute(title, data(ctx, 'v01.review', 'v01.decideReview', { outcome })));
    }
    return card(body, actions, refresh);
  }
  if (!standing || standing.outcome === 'approved') {
    body.push(text('Only a decline or an approval with conditions can be reviewed.', { subtle: true }));
    return card(body, [], refresh);
  }
  const staffRoles = [...DESIGNATED_STAFF, ...REVIEW_OFFICER];
  if (!may(viewer, staffRoles, app.site))
    return card([...body, notForYou(staffRoles, app.site)], [], refresh);
  body.push(
    section('Record a review request', [
      ...ask.choice(
        'requestedBy',
        'Who is asking',
        choicesOf({
          visitor: 'The visitor (V.01.Form.01.15 / 01.16)',
          prisoner: 'The prisoner (complaints process)',
        }),
        { required: true, expanded: true },
      ),
      ...ask.date('receivedOn', 'Date received', { required: true }),
      ...ask.choice(
        'channel',
        'How it arrived',
        choicesOf({
          email: 'Email to custodialdirectorate@corrections.govt.nz',
          post: 'Post to Private Box 1206, Wellington',
          'by-hand': 'Handed to staff',
          complaint: 'Prisoner complaint in IOMS (Personal and Official Visitors / Decision Review)',
        }),
        { required: true },
      ),
      ...ask.text('complaintRef', 'IOMS complaint reference (prisoner requests)'),
      ...ask.text('reasons', 'Their reasons for asking', { required: true, multiline: true }),
    ]),
  );
  actions.push(execute('Record review request', data(ctx, 'v01.review', 'v01.requestReview')));
  return card(body, actions, refresh);
}
