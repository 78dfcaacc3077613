import { DESIGNATED_STAFF, MANAGER_DECIDERS } from '../../services/policy/v01';
import { requiredFollowUps } from '../../services/workflows/v01/followUps';
import { v01Notices } from '../../services/workflows/v01/letters';
import { byLine, data, may, notForYou, recordedOr } from '../common';
import { deliveryChoices } from '../visitor';
import { card, execute, section, text, inputsFor } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import { top } from './common';
import type { V01Ctx } from './common';

const ROLES = [...DESIGNATED_STAFF, ...MANAGER_DECIDERS];

/**
 * V.01.06, V.01.07.11–12: each letter's words, ready to print on letterhead or send, with a
 * "mark given" button per letter; then the records made in IOMS or APPE. The bot does not post
 * letters or write to IOMS: staff do, and record here that they did.
 */
export function v01NoticesCard(ctx: V01Ctx): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  const staff = may(ctx.viewer, ROLES, app.site);
  const body: CardElement[] = [...top(ctx, 'Notices and follow-ups')];
  const notices = v01Notices(app);
  if (notices.length === 0)
    body.push(text('No notices are due yet: they follow the decision.', { subtle: true }));
  const pending = notices.filter((n) => !n.given);
  if (staff && pending.length > 0) {
    body.push(...ask.choice('method', 'How the letter was given', deliveryChoices));
  }
  for (const n of notices) {
    const items: CardElement[] = [
      text(`To: ${n.recipient}`, { subtle: true }),
      text(n.text, { size: 'Small' }),
    ];
    items.push(
      ...recordedOr(
        n.given && `${byLine('Given — recorded by', n.given)} (${n.given.method})`,
        staff
          ? execute('Mark given', data(ctx, 'v01.notices', 'v01.recordNoticeGiven', { notice: n.key }))
          : undefined,
      ),
    );
    body.push(section(n.form, items));
  }
  const follow = requiredFollowUps(s).filter(
    (f) => f.key.startsWith('review-') || f.key === 'outcome-entered' || f.key === 'ioms-child-assessment',
  );
  if (follow.length) {
    if (staff && follow.some((f) => !s.followUps[f.key])) body.push(...ask.text('note', 'Note (optional)'));
    for (const f of follow) {
      const done = s.followUps[f.key];
      body.push(
        section(
          f.label,
          recordedOr(
            done && byLine('Recorded by', done),
            staff && (!f.roles || may(ctx.viewer, f.roles, app.site))
              ? execute('Record done', data(ctx, 'v01.notices', 'v01.recordFollowUp', { item: f.key }))
              : undefined,
            'Not recorded yet.',
          ),
        ),
      );
    }
  }
  if (!staff) body.push(notForYou(ROLES, app.site));
  return card(body);
}

/** V.01.10: an approved specified visitor's code of conduct, induction for the first visit and APPE entry card. */
export function v01SpecifiedCard(ctx: V01Ctx): AdaptiveCard {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  const staff = may(ctx.viewer, ROLES, app.site);
  const body: CardElement[] = [...top(ctx, 'Specified visitor: after approval')];
  const items = requiredFollowUps(s).filter((f) =>
    ['code-of-conduct', 'induction', 'entry-card'].includes(f.key),
  );
  if (items.length === 0) {
    body.push(
      text(
        'Nothing to do here: these steps follow the approval of a specified, Kaiwhakamana, Fautua Pasefika or volunteer visitor.',
        { subtle: true },
      ),
    );
    return card(body);
  }
  const open = items.filter((f) => !s.followUps[f.key] && (!f.after || s.followUps[f.after]));
  if (staff && open.length) {
    body.push(...ask.text('note', 'Note (optional)'));
    if (open.some((f) => f.needsDate)) body.push(...ask.date('date', 'Induction date (the first visit)'));
  }
  for (const f of items) {
    const done = s.followUps[f.key];
    const ready = !f.after || s.followUps[f.after];
    body.push(
      section(
        f.label,
        recordedOr(
          done && `${byLine('Recorded by', done)}${done.date ? ` — ${done.date}` : ''}`,
          staff && ready
            ? execute('Record done', data(ctx, 'v01.specified', 'v01.recordFollowUp', { item: f.key }))
            : undefined,
          ready ? 'Not recorded yet.' : 'After the induction.',
        ),
      ),
    );
  }
  if (!staff) body.push(notForYou(ROLES, app.site));
  return card(body);
}
