import { z } from 'zod';
import { siteSchema } from '../../directory/person';
import type { ApplicationDoc, AuditEvent, Task } from '../../store/types';
import { endOfNzDay, formatNz, nzDateOf } from '../../time';
import type { ProhibitionRecord } from '../../workflow/records';
import type {
  AppliedEvent,
  DecideContext,
  NewEvent,
  Notification,
  StartResult,
  WorkflowDefinition,
} from '../../workflow/types';
import { v01pChatCommands } from './chat';
import { alreadyDone, invalid, payloadOf, requireRole, stampOf, wrongStage } from './guards';
import { DESIGNATED_STAFF, MANAGER_DECIDERS, PROHIBITION_GROUNDS, isMinorOn } from './model';
import type { DeliveryMethod, Ground, Stamp } from './model';
import { reviewDeadline } from './application';
import {
  EXPIRED_EVENT,
  RECORD_EXPIRY,
  decideExpiry,
  expiryNotification,
  expiryPending,
  expiryTimer,
  recordExpirySchema,
} from './expiry';
import type { ExpiryRecord } from './expiry';
import { date, deliverySchema, flag, groundsSchema, opt, optDate, req } from './schemas';

/** V.01.08–09: a visitor prohibition order and its reviews by the Chief Inspector of Corrections. */

export type ProhibitionScope = 'prisoner' | 'prisoners' | 'prison';
export const SCOPE_LABELS: Record<ProhibitionScope, string> = {
  prisoner: 'One prisoner',
  prisoners: 'Several prisoners',
  prison: 'The whole prison (including car-parks and all prison property)',
};

export interface NamedPrisoner {
  id: string;
  name: string;
}

export interface OrderTerms {
  scope: ProhibitionScope;
  prisoners: NamedPrisoner[];
  expiresOn: string;
  reversed: boolean;
}

export interface ProhibitionReview {
  n: number;
  applicant: 'visitor' | 'guardian' | 'prisoner';
  applicantName: string;
  receivedOn: string;
  reasons: string;
  dueAt: string;
  recorded: Stamp;
  result?: Stamp & {
    outcome: 'confirm' | 'reverse' | 'modify' | 'refuse';
    reasons: string;
    earlierReview?: string;
    terms: OrderTerms;
  };
}

export interface V01PState {
  order?: {
    site: string;
    visitor: { name: string; dateOfBirth: string; address: string; minor: boolean; visitorId?: string };
    guardian?: { name: string; address: string };
    grounds: Ground[];
    reasons: string;
    terms: OrderTerms;
    signed: Stamp;
    relatedApplicationId?: string;
  };
  notices: Record<string, Stamp & { method: DeliveryMethod }>;
  reviews: ProhibitionReview[];
  /** The scheduler's record that the current terms lapsed (V.01.08.5). */
  expired?: ExpiryRecord;
}

export const CHIEF_INSPECTOR = ['chief-inspector'] as const;

/** The close of the expiry day in New Zealand: the last instant the order is in force (V.01.08.5). */
export function prohibitionEnds(expiresOn: string): Date {
  const end = endOfNzDay(expiresOn);
  if (!end) throw new Error(`invalid expiry date ${expiresOn}`);
  return end;
}

/** The terms in force now: the order as signed, or as the latest completed review left it. */
export function currentTerms(s: V01PState): OrderTerms | undefined {
  if (!s.order) return undefined;
  const reviewed = [...s.reviews].reverse().find((r) => r.result && r.result.outcome !== 'refuse');
  return reviewed?.result ? reviewed.result.terms : s.order.terms;
}

/** In force from signing until the close of the expiry day (Pacific/Auckland), unless reversed on review. */
export function isProhibitionInForce(s: V01PState, now: Date): boolean {
  const terms = currentTerms(s);
  if (!s.order || !terms || terms.reversed) return false;
  return (
    now.getTime() >= new Date(s.order.signed.at).getTime() &&
    now.getTime() <= prohibitionEnds(terms.expiresOn).getTime()
  );
}

/** Does the order stop this visitor seeing this prisoner (V.01.09.8)? */
export function prohibitsVisit(s: V01PState, prisonerId: string, now: Date): boolean {
  const terms = currentTerms(s);
  if (!terms || !isProhibitionInForce(s, now)) return false;
  return (
    terms.scope === 'prison' || terms.prisoners.some((p) => p.id.toUpperCase() === prisonerId.toUpperCase())
  );
}

/** The order as other processes read it (V.01 applications, C.07 support people), while in force. */
export function publishedOrder(app: ApplicationDoc<V01PState>, now: Date): ProhibitionRecord | undefined {
  const o = app.state.order;
  const terms = currentTerms(app.state);
  if (!o || !terms || !isProhibitionInForce(app.state, now)) return undefined;
  const { name, dateOfBirth, visitorId } = o.visitor;
  const visitor = { name, dateOfBirth, ...(visitorId ? { visitorId } : {}) };
  const prisonerIds = terms.prisoners.map((p) => p.id);
  return {
    orderId: app._id,
    site: o.site,
    visitor,
    scope: terms.scope,
    prisonerIds,
    expiresOn: terms.expiresOn,
  };
}

const normName = (n: string) => n.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * In-force orders against a visitor, for the bot layer to pass into a new application's start
 * input (prohibitedElsewhere, prohibitionSource 'directory') so the deciding manager sees the flag.
 */
export function prohibitionsAgainst(
  orders: Array<Pick<ApplicationDoc<V01PState>, '_id' | 'site' | 'state'>>,
  visitor: { name: string; dateOfBirth: string },
  now: Date,
): Array<{ id: string; site: string; expiresOn: string }> {
  return orders
    .filter((o) => o.state.order && normName(o.state.order.visitor.name) === normName(visitor.name))
    .filter(
      (o) => o.state.order?.visitor.dateOfBirth === visitor.dateOfBirth && isProhibitionInForce(o.state, now),
    )
    .map((o) => ({ id: o._id, site: o.site, expiresOn: currentTerms(o.state)?.expiresOn ?? '' }));
}

/** Prisoners typed one per line as "ID Name" or "ID, Name". */
export function parsePrisoners(text: string | undefined): NamedPrisoner[] | undefined {
  if (!text) return [];
  const out: NamedPrisoner[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*[,\s–-]\s*(\S.*)$/.exec(line);
    if (!m?.[1] || !m[2]) return undefined;
    out.push({ id: m[1].toUpperCase(), name: m[2].trim() });
  }
  return out;
}

const scopeSchema = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.enum(['prisoner', 'prisoners', 'prison'], { errorMap: () => ({ message: 'Say who the order covers' }) }),
);

export const v01pStartSchema = z.object({
  site: siteSchema,
  visitorName: req(200),
  visitorDob: date,
  visitorId: opt(40),
  visitorAddress: req(400),
  guardianName: opt(200),
  guardianAddress: opt(400),
  scope: scopeSchema,
  prisoners: opt(4000),
  grounds: groundsSchema,
  reasons: req(4000),
  privacyChecked: flag,
  expiresOn: date,
  relatedApplicationId: opt(40),
});
export type V01PStartInput = z.infer<typeof v01pStartSchema>;

export const v01pCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('v01p.recordNoticeGiven'), notice: req(80), method: deliverySchema }),
  z.object({
    type: z.literal('v01p.requestReview'),
    applicant: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(['visitor', 'guardian', 'prisoner'], { errorMap: () => ({ message: 'Who applied?' }) }),
    ),
    applicantName: req(200),
    receivedOn: date,
    reasons: req(4000),
  }),
  z.object({
    type: z.literal('v01p.decideReview'),
    outcome: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(['confirm', 'reverse', 'modify', 'refuse'], {
        errorMap: () => ({ message: 'Choose an outcome' }),
      }),
    ),
    reasons: req(4000),
    newExpiresOn: optDate,
    newScope: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(['prisoner', 'prisoners', 'prison']).optional(),
    ),
    newPrisoners: opt(4000),
    earlierReview: opt(200),
    noMaterialChange: flag,
  }),
  recordExpirySchema,
]);
export type V01PCommand = z.infer<typeof v01pCommandSchema>;

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

export function startOrder(input: V01PStartInput, ctx: DecideContext): StartResult {
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
    events: [
      {
        type: 'v01p.issued',
        payload: {
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
          ...(input.relatedApplicationId
            ? { relatedApplicationId: input.relatedApplicationId.toUpperCase() }
            : {}),
        },
      },
    ],
  };
}

export interface OrderNotice {
  key: string;
  form: string;
  recipient: string;
}

export function orderNotices(s: V01PState): OrderNotice[] {
  const o = s.order;
  if (!o) return [];
  const visitorTo = o.guardian
    ? `${o.guardian.name} (guardian of ${o.visitor.name}), ${o.guardian.address}`
    : `${o.visitor.name}, ${o.visitor.address}`;
  const out: OrderNotice[] = [
    { key: 'order-visitor', form: 'V.01.Form.01.13 Visitor Prohibition Order', recipient: visitorTo },
  ];
  for (const p of o.terms.prisoners)
    out.push({
      key: `order-prisoner-${p.id}`,
      form: 'Copy of the Visitor Prohibition Order',
      recipient: `${p.name} (${p.id})`,
    });
  out.push({ key: 'ioms', form: 'Status and outcome entered in IOMS (V.01.08.4)', recipient: 'IOMS' });
  for (const r of s.reviews) {
    if (!r.result) continue;
    out.push({
      key: `review-${r.n}-visitor`,
      form: `Review ${r.n} result (Chief Inspector), in writing`,
      recipient: visitorTo,
    });
    const prisoners = currentTerms({ ...s, reviews: s.reviews.filter((x) => x.n < r.n) })?.prisoners ?? [];
    for (const p of prisoners)
      out.push({
        key: `review-${r.n}-prisoner-${p.id}`,
        form: `Review ${r.n} result (Chief Inspector), in writing`,
        recipient: `${p.name} (${p.id})`,
      });
  }
  return out;
}

export function pendingOrderNotices(s: V01PState): OrderNotice[] {
  return orderNotices(s).filter((n) => !s.notices[n.key]);
}

function openReview(s: V01PState): ProhibitionReview | undefined {
  return s.reviews.find((r) => !r.result);
}

export function decideOrder(app: ApplicationDoc<V01PState>, c: V01PCommand, ctx: DecideContext): NewEvent[] {
  const s = app.state;
  const o = s.order;
  if (!o) wrongStage('This order has no terms recorded.');
  switch (c.type) {
    case RECORD_EXPIRY:
      return decideExpiry(currentTerms(s), s.expired, ctx);
    case 'v01p.recordNoticeGiven': {
      requireRole(ctx.actor, [...DESIGNATED_STAFF, ...MANAGER_DECIDERS], app.site);
      const n = orderNotices(s).find((x) => x.key === c.notice);
      if (!n) wrongStage('That notice is not due for this order.');
      const given = s.notices[c.notice];
      if (given) alreadyDone(`“${n.form}” for ${n.recipient} was`, given);
      return [{ type: 'v01p.noticeGiven', payload: { notice: c.notice, method: c.method } }];
    }
    case 'v01p.requestReview': {
      requireRole(ctx.actor, [...DESIGNATED_STAFF, ...MANAGER_DECIDERS, ...CHIEF_INSPECTOR], app.site);
      const open = openReview(s);
      if (open) wrongStage(`Review ${open.n} is still open (due ${formatNz(new Date(open.dueAt), false)}).`);
      if (c.receivedOn > nzDateOf(ctx.now)) invalid('receivedOn', 'This date is in the future');
      if (c.applicant === 'guardian' && !o.visitor.minor)
        invalid('applicant', 'The visitor is an adult: they apply themselves');
      if (
        c.applicant === 'prisoner' &&
        !o.terms.prisoners.some((p) => c.applicantName.toUpperCase().includes(p.id))
      ) {
        invalid(
          'applicantName',
          'Only a prisoner given a copy of the order may apply: include their prisoner ID',
        );
      }
      return [
        {
          type: 'v01p.reviewRequested',
          payload: {
            n: s.reviews.length + 1,
            applicant: c.applicant,
            applicantName: c.applicantName,
            receivedOn: c.receivedOn,
            reasons: c.reasons,
            dueAt: reviewDeadline(c.receivedOn).toISOString(),
          },
        },
      ];
    }
    case 'v01p.decideReview': {
      requireRole(ctx.actor, CHIEF_INSPECTOR, app.site);
      const r = openReview(s);
      if (!r) {
        const last = s.reviews[s.reviews.length - 1];
        if (last?.result) alreadyDone(`Review ${last.n} outcome was`, last.result);
        wrongStage('There is no open review application for this order.');
      }
      const current = currentTerms(s) ?? o.terms;
      let terms: OrderTerms = current;
      if (c.outcome === 'reverse') terms = { ...current, reversed: true };
      if (c.outcome === 'modify') {
        const scope = c.newScope ?? current.scope;
        const prisoners =
          c.newScope || c.newPrisoners
            ? checkScope(scope, c.newPrisoners, 'newPrisoners')
            : current.prisoners;
        if (c.newExpiresOn && c.newExpiresOn < nzDateOf(ctx.now))
          invalid('newExpiresOn', 'The new expiry date has passed');
        terms = { scope, prisoners, expiresOn: c.newExpiresOn ?? current.expiresOn, reversed: false };
        if (JSON.stringify(terms) === JSON.stringify(current))
          invalid('newExpiresOn', 'A modification changes the expiry date or who the order covers');
      }
      if (c.outcome === 'refuse') {
        if (!c.earlierReview)
          invalid('earlierReview', 'Name the earlier review this one is substantially the same as');
        if (!c.noMaterialChange)
          invalid('noMaterialChange', 'Confirm there have been no material changes since');
      }
      return [
        {
          type: 'v01p.reviewDecided',
          payload: {
            n: r.n,
            outcome: c.outcome,
            reasons: c.reasons,
            ...(c.earlierReview ? { earlierReview: c.earlierReview } : {}),
            terms,
          },
        },
      ];
    }
  }
}

export function evolveOrder(s: V01PState, e: AppliedEvent): V01PState {
  const st = stampOf(e);
  switch (e.type) {
    case 'v01p.issued':
      return {
        ...s,
        order: { ...payloadOf<Omit<NonNullable<V01PState['order']>, 'signed'>>(e), signed: st },
      };
    case 'v01p.noticeGiven': {
      const p = payloadOf<{ notice: string; method: DeliveryMethod }>(e);
      return { ...s, notices: { ...s.notices, [p.notice]: { ...st, method: p.method } } };
    }
    case EXPIRED_EVENT:
      return { ...s, expired: { ...st, expiresOn: String(e.payload.expiresOn) } };
    case 'v01p.reviewRequested':
      return {
        ...s,
        reviews: [...s.reviews, { ...payloadOf<Omit<ProhibitionReview, 'recorded'>>(e), recorded: st }],
      };
    case 'v01p.reviewDecided': {
      const { n, ...result } = payloadOf<
        { n: number } & Omit<NonNullable<ProhibitionReview['result']>, keyof Stamp>
      >(e);
      return {
        ...s,
        reviews: s.reviews.map((r) => (r.n === n ? { ...r, result: { ...st, ...result } } : r)),
      };
    }
    default:
      return s;
  }
}

export type V01PStage = 'notices' | 'review' | 'issued' | 'reversed' | 'expired';
export const ORDER_STAGE_LABELS: Record<V01PStage, string> = {
  notices: 'Signed: order to be given',
  review: 'Under review by the Chief Inspector',
  issued: 'Issued',
  reversed: 'Reversed on review',
  expired: 'Expired',
};

export function orderStage(s: V01PState): V01PStage {
  if (openReview(s)) return 'review';
  if (pendingOrderNotices(s).length > 0) return 'notices';
  const terms = currentTerms(s);
  if (terms?.reversed) return 'reversed';
  return terms && !expiryPending(terms, s.expired) ? 'expired' : 'issued';
}

function orderTasks(app: Omit<ApplicationDoc<V01PState>, 'openTasks' | 'taskKeys'>): Task[] {
  const s = app.state;
  const out: Task[] = [];
  const r = openReview(s);
  if (r) {
    out.push({
      key: `v01p.review.${r.n}`,
      label: `Review the prohibition order: ${app.title}`,
      roles: ['chief-inspector'],
      site: '*',
      dueAt: new Date(r.dueAt),
      term: 'policy',
      card: 'v01p.review',
    });
  }
  if (pendingOrderNotices(s).length > 0) {
    out.push({
      key: 'v01p.notices',
      label: `Give the prohibition order and copies: ${app.title}`,
      roles: [...DESIGNATED_STAFF],
      site: app.site,
      card: 'v01p.order',
      term: 'followUp',
    });
  }
  out.push(...expiryTimer(app, currentTerms(s), s.expired));
  return out;
}

function orderNotifications(app: ApplicationDoc<V01PState>, event: AuditEvent): Notification[] {
  const creator = { kind: 'person' as const, aadObjectId: app.createdBy };
  const ref = (name: string) => ({ name, applicationId: app._id });
  switch (event.type) {
    case 'v01p.issued':
      return [
        {
          key: 'notices',
          target: creator,
          text: `${app._id}: signed. Give the order to the visitor and copies to the prisoners named in it.`,
          cardRef: ref('v01p.order'),
        },
      ];
    case 'v01p.reviewRequested':
      return [
        {
          key: 'review',
          target: { kind: 'role', roles: ['chief-inspector'], site: '*' },
          text: `${app._id}: a review of a visitor prohibition order has been requested.`,
          cardRef: ref('v01p.review'),
        },
      ];
    case EXPIRED_EVENT:
      return [
        expiryNotification(
          app,
          app.state.order?.visitor.name ?? 'the visitor',
          String(event.payload.expiresOn),
        ),
      ];
    case 'v01p.reviewDecided':
      return [
        {
          key: 'notices',
          target: creator,
          text: `${app._id}: the Chief Inspector’s review result is recorded. Advise the visitor and the prisoners in writing.`,
          cardRef: ref('v01p.order'),
        },
      ];
    default:
      return [];
  }
}

export const v01pWorkflow: WorkflowDefinition<V01PState, V01PCommand, V01PStartInput> = {
  kind: 'V01P',
  idPrefix: 'PRO',
  label: 'visitor prohibition order',
  commandSchema: v01pCommandSchema,
  startSchema: v01pStartSchema,
  start: startOrder,
  initialState: () => ({ notices: {}, reviews: [] }),
  evolve: evolveOrder,
  decide: decideOrder,
  stage: orderStage,
  // Open while the order is in force and its lapse is still to be recorded: the scheduler finds it by its timer.
  closed: (s) =>
    !openReview(s) && pendingOrderNotices(s).length === 0 && !expiryPending(currentTerms(s), s.expired),
  tasks: orderTasks,
  participants: () => [],
  notifications: orderNotifications,
  publishes: { prohibitionOrder: publishedOrder },
  chatCommands: v01pChatCommands,
};
