import {
  DESIGNATED_STAFF,
  MANAGER_DECIDERS,
  PROHIBITION_GROUNDS,
  isMinorOn,
  reviewDeadline,
} from '../../policy/v01';
import type { ApplicationDoc } from '../../workflow/domain';
import { nzDateOf } from '../../time';
import { alreadyDone, invalid, requireRole, wrongStage } from '../../workflow/guards';
import { decideByTable } from '../../workflow/decide';
import type { CommandOf, Handler as TableHandler, HandlerTable } from '../../workflow/decide';
import { requireNoOpenReview, requireRepeatShown, reviewToDecide } from '../../workflow/reviews';
import type { DecideContext, NewEvent, StartResult } from '../../workflow/types';
import type { V01PCommand, V01PCommandType, V01PStartInput } from './commands';
import { EV } from './evolve';
import { decideExpiry } from './expiry';
import { CHIEF_INSPECTOR, currentTerms, orderNotices, parsePrisoners } from './model';
import type { NamedPrisoner, Order, OrderTerms, ProhibitionScope, V01PState } from './model';

type App = ApplicationDoc<V01PState>;
type Cmd<T extends V01PCommandType> = CommandOf<V01PCommand, T>;
type Handler<T extends V01PCommandType> = TableHandler<V01PState, V01PCommand, T>;

/** The order a command is about: every command needs its terms recorded. */
function orderOf(app: App): Order {
  const order = app.state.order;
  if (!order) wrongStage('This order has no terms recorded.');
  return order;
}

function checkScope(
  scope: ProhibitionScope,
  prisonersText: string | undefined,
  field: string,
): NamedPrisoner[] {
  const prisoners = parsePrisoners(prisonersText);
  if (!prisoners) invalid(field, 'One prisoner per line: their ID, then their name');
  if (scope === 'prison') return [];
  if (scope === 'prisoner' && prisoners.length !== 1)
    invalid(field, 'Name exactly one prisoner: their ID, then their name');
  if (scope === 'prisoners' && prisoners.length < 2)
    invalid(field, 'Name each prisoner on their own line (two or more)');
  return prisoners;
}

/** V.01.08.1–2: the reception/movements manager or GM signs the order; every part is completed. */
export function start(input: V01PStartInput, ctx: DecideContext): StartResult {
  requireRole(ctx.actor, MANAGER_DECIDERS, input.site);
  const today = nzDateOf(ctx.now);
  const prisoners = checkScope(input.scope, input.prisoners, 'prisoners');
  if (!input.grounds.some((g) => PROHIBITION_GROUNDS.includes(g))) {
    invalid(
      'grounds',
      'A prohibition needs at least one V.01.03.5 ground (security or good order; the prisoner’s welfare; anyone’s safety)',
    );
  }
  if (!input.privacyChecked)
    invalid('privacyChecked', 'Confirm the reasons say nothing private about any prisoner or victim');
  if (input.expiresOn <= today) invalid('expiresOn', 'The expiry date must be after today');
  if (input.visitorDob > today) invalid('visitorDob', 'The date of birth is in the future');
  const minor = isMinorOn(input.visitorDob, today);
  if (minor && (!input.guardianName || !input.guardianAddress)) {
    invalid(
      input.guardianName ? 'guardianAddress' : 'guardianName',
      'The visitor is under 18: the order is given to their guardian',
    );
  }
  const first = prisoners[0];
  return {
    header: {
      site: input.site,
      prisonerId: first ? first.id : '*',
      prisonerName:
        input.scope === 'prison' ? `All prisoners at ${input.site}` : prisoners.map((p) => p.name).join(', '),
      title: `Prohibition order: ${input.visitorName}`,
    },
    events: [{ type: EV.issued, payload: issuedPayload(input, prisoners, minor) }],
  };
}

function issuedPayload(input: V01PStartInput, prisoners: NamedPrisoner[], minor: boolean) {
  return {
    site: input.site,
    visitor: {
      name: input.visitorName,
      dateOfBirth: input.visitorDob,
      address: input.visitorAddress,
      minor,
      ...(input.visitorId ? { visitorId: input.visitorId } : {}),
    },
    ...(minor ? { guardian: { name: input.guardianName, address: input.guardianAddress } } : {}),
    grounds: input.grounds,
    reasons: input.reasons,
    terms: { scope: input.scope, prisoners, expiresOn: input.expiresOn, reversed: false },
    ...(input.relatedApplicationId ? { relatedApplicationId: input.relatedApplicationId.toUpperCase() } : {}),
  };
}

const recordNoticeGiven: Handler<'v01p.recordNoticeGiven'> = (app, c, { actor }) => {
  requireRole(actor, [...DESIGNATED_STAFF, ...MANAGER_DECIDERS], app.site);
  const n = orderNotices(app.state).find((x) => x.key === c.notice);
  if (!n) wrongStage('That notice is not due for this order.');
  const given = app.state.notices[c.notice];
  if (given) alreadyDone(`“${n.form}” for ${n.recipient} was already recorded`, given);
  return [{ type: EV.noticeGiven, payload: { notice: c.notice, method: c.method } }];
};

/** V.01.09.1–3: the visitor (or a minor's guardian) or a prisoner given a copy applies in writing. */
const requestReview: Handler<'v01p.requestReview'> = (app, c, { actor, now }) => {
  const s = app.state;
  const o = orderOf(app);
  requireRole(actor, [...DESIGNATED_STAFF, ...MANAGER_DECIDERS, ...CHIEF_INSPECTOR], app.site);
  requireNoOpenReview(s.reviews);
  if (c.receivedOn > nzDateOf(now)) invalid('receivedOn', 'This date is in the future');
  if (c.applicant === 'guardian' && !o.visitor.minor)
    invalid('applicant', 'The visitor is an adult: they apply themselves');
  if (
    c.applicant === 'prisoner' &&
    !o.terms.prisoners.some((p) => c.applicantName.toUpperCase().includes(p.id))
  )
    invalid(
      'applicantName',
      'Only a prisoner given a copy of the order may apply: include their prisoner ID',
    );
  const { applicant, applicantName, receivedOn, reasons } = c;
  const dueAt = reviewDeadline(receivedOn).toISOString();
  return [
    {
      type: EV.reviewRequested,
      payload: { n: s.reviews.length + 1, applicant, applicantName, receivedOn, reasons, dueAt },
    },
  ];
};

/** V.01.09.5 modify: a new expiry date or a new set of prisoners, checked as at signing. */
function modifiedTerms(current: OrderTerms, c: Cmd<'v01p.decideReview'>, now: Date): OrderTerms {
  const scope = c.newScope ?? current.scope;
  const prisoners =
    c.newScope || c.newPrisoners ? checkScope(scope, c.newPrisoners, 'newPrisoners') : current.prisoners;
  if (c.newExpiresOn && c.newExpiresOn < nzDateOf(now))
    invalid('newExpiresOn', 'The new expiry date has passed');
  const terms = { scope, prisoners, expiresOn: c.newExpiresOn ?? current.expiresOn, reversed: false };
  if (JSON.stringify(terms) === JSON.stringify(current))
    invalid('newExpiresOn', 'A modification changes the expiry date or who the order covers');
  return terms;
}

/** V.01.09.4–6: the Chief Inspector confirms, reverses, modifies, or refuses a repeat review. */
const decideReview: Handler<'v01p.decideReview'> = (app, c, { actor, now }) => {
  const s = app.state;
  const o = orderOf(app);
  requireRole(actor, CHIEF_INSPECTOR, app.site);
  const r = reviewToDecide(s.reviews, 'There is no open review application for this order.');
  const current = currentTerms(s) ?? o.terms;
  let terms: OrderTerms = current;
  if (c.outcome === 'reverse') terms = { ...current, reversed: true };
  if (c.outcome === 'modify') terms = modifiedTerms(current, c, now);
  if (c.outcome === 'refuse') requireRepeatShown(c, 'Confirm there have been no material changes since');
  const earlier = c.earlierReview ? { earlierReview: c.earlierReview } : {};
  return [
    {
      type: EV.reviewDecided,
      payload: { n: r.n, outcome: c.outcome, reasons: c.reasons, ...earlier, terms },
    },
  ];
};

const recordExpiry: Handler<'v01p.recordExpiry'> = (app, _c, ctx) =>
  decideExpiry(currentTerms(app.state), app.state.expired, ctx);

const handlers: HandlerTable<V01PState, V01PCommand> = {
  'v01p.recordNoticeGiven': recordNoticeGiven,
  'v01p.requestReview': requestReview,
  'v01p.decideReview': decideReview,
  'v01p.recordExpiry': recordExpiry,
};

const byTable = decideByTable(handlers);

/** `decide` for a prohibition order: one handler per command, once the order's terms are recorded. */
export function decide(app: App, c: V01PCommand, ctx: DecideContext): NewEvent[] {
  orderOf(app);
  return byTable(app, c, ctx);
}
