import { DomainError } from '../../errors';
import { endOfNzDay, formatNz } from '../../time';
import type {
  MatchStrength,
  PersonIdentity,
  ProcessRecords,
  ProhibitionMatch,
  ProhibitionRecord,
  RelatedRecords,
  RestrictionMatch,
  RestrictionRecord,
} from '../../workflow/records';
import type { HuiApp, HuiState, MatchReview } from './model';

/**
 * Issue 14 item 12: every support person is checked against V.01's prohibition orders and contact
 * restrictions, read through the engine (`ctx.records` for a decision, `app.related` for a card);
 * C.07 never imports V.01. C.07.03 says hui participants need not be approved visitors, but an order
 * covering a prison keeps the person out of the prison and all prison property (V.01.09.8), hui
 * included. The rules:
 * - the same name and date of birth (or visitor id) as the visitor of an order that covers this
 *   hui's prison blocks: the hui is not sent for sign-off, nor signed off, while they are on it;
 * - the same name with no date of birth to compare is flagged to the case manager and the signing
 *   manager, one of whom confirms (the same person) or dismisses it, with a reason (audited); the
 *   hui is not signed off while a flag is open, and a confirmed flag on such an order blocks;
 * - any other match (an order naming prisoners, an order at another prison, a contact restriction
 *   recorded on a visitor application for this prisoner) is shown to them as a warning.
 */

export type CheckEffect = 'blocks' | 'to-review' | 'warning' | 'dismissed';

export interface SupportCheck {
  /** Stable for one person and one record: what a review is recorded against. */
  key: string;
  personId: string;
  personName: string;
  source: 'order' | 'restriction';
  /** The order id, or the visitor application recording the restriction. */
  ref: string;
  site: string;
  match: MatchStrength;
  scope?: ProhibitionRecord['scope'];
  expiresOn?: string;
  restriction?: RestrictionRecord['restriction'];
  /** An order that keeps the person out of this hui's prison and all its property. */
  coversPrison: boolean;
  review?: MatchReview;
  effect: CheckEffect;
}

/** Who the engine asks about: each support person, with their date of birth when recorded. */
export function supportIdentities(s: Pick<HuiState, 'supportPeople'>): PersonIdentity[] {
  return s.supportPeople.map((p) => ({
    name: p.name,
    ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}),
  }));
}

function effectOf(match: MatchStrength, coversPrison: boolean, review: MatchReview | undefined): CheckEffect {
  if (match === 'name-only') {
    if (!review) return 'to-review';
    if (!review.confirmed) return 'dismissed';
  }
  return coversPrison ? 'blocks' : 'warning';
}

type Found = Pick<SupportCheck, 'source' | 'ref' | 'site' | 'match' | 'coversPrison'> &
  Partial<Pick<SupportCheck, 'scope' | 'expiresOn' | 'restriction'>> & { person: number };

function fromOrder(s: HuiState, o: ProhibitionMatch): Found {
  const coversPrison = o.scope === 'prison' && o.site === s.site && s.locationType === 'prison';
  return {
    source: 'order',
    ref: o.orderId,
    site: o.site,
    match: o.match,
    coversPrison,
    scope: o.scope,
    expiresOn: o.expiresOn,
    person: o.person,
  };
}

function fromRestriction(r: RestrictionMatch): Found {
  return {
    source: 'restriction',
    ref: r.applicationId,
    site: r.site,
    match: r.match,
    coversPrison: false,
    restriction: r.restriction,
    person: r.person,
  };
}

/** The checks of the hui's support people against what was found for them. */
export function checksFrom(
  s: HuiState,
  orders: readonly ProhibitionMatch[],
  restrictions: readonly RestrictionMatch[],
): SupportCheck[] {
  const found = [...orders.map((o) => fromOrder(s, o)), ...restrictions.map(fromRestriction)];
  return found.flatMap(({ person, ...f }) => {
    const p = s.supportPeople[person];
    if (!p) return [];
    const key = `${p.id}|${f.source}|${f.ref}`;
    const review = (s.matchReviews ?? []).find((r) => r.key === key);
    return [
      {
        key,
        personId: p.id,
        personName: p.name,
        ...f,
        ...(review ? { review } : {}),
        effect: effectOf(f.match, f.coversPrison, review),
      },
    ];
  });
}

/** The checks a decision makes, through the engine's read interface. */
export function checkSupportPeople(s: HuiState, records: ProcessRecords, prisonerId: string): SupportCheck[] {
  const people = supportIdentities(s);
  return checksFrom(s, records.prohibitionOrdersFor(people), records.restrictionsFor(people, prisonerId));
}

/** What `engine.load` found for the cards (the same check the decisions make). */
export function relatedChecks(app: Pick<HuiApp, 'state'> & { related?: RelatedRecords }): SupportCheck[] {
  return checksFrom(app.state, app.related?.prohibitionOrders ?? [], app.related?.restrictions ?? []);
}

const until = (expiresOn: string | undefined) => {
  const end = expiresOn ? endOfNzDay(expiresOn) : undefined;
  return end ? formatNz(end) : (expiresOn ?? 'its expiry');
};

const RESTRICTION_TEXT: Record<RestrictionRecord['restriction'], string> = {
  'protection-order': 'a protection order protecting them from this prisoner',
  'restraining-order': 'a restraining order protecting them from this prisoner',
  'non-contact-condition': 'a non-contact condition with this prisoner',
};

function recordText(c: SupportCheck): string {
  if (c.source === 'restriction')
    return `${RESTRICTION_TEXT[c.restriction ?? 'non-contact-condition']}, recorded on visitor application ${c.ref} (${c.site})`;
  const covers =
    c.scope === 'prison'
      ? `the prison and all prison property at ${c.site}`
      : `visits to named prisoners at ${c.site}`;
  return `prohibition order ${c.ref}, in force until ${until(c.expiresOn)}, covering ${covers}`;
}

/** One sentence about one check, for the cards and refusals. */
export function checkText(c: SupportCheck): string {
  const how =
    c.match === 'identity' ? 'same name and date of birth' : 'same name; no date of birth to compare';
  const what = `${c.personName} matches ${recordText(c)} (${how})`;
  switch (c.effect) {
    case 'blocks':
      return `${what}: they cannot attend a hui in this prison. Remove them from the hui.`;
    case 'to-review':
      return `${what}. The case manager or the signing manager confirms or dismisses the match before sign-off.`;
    case 'dismissed':
      return `${what}. Dismissed as not the same person by ${c.review?.name ?? 'staff'}: ${c.review?.reason ?? ''}`;
    default:
      return `${what}. Take it into account when assessing them and signing off${c.review ? ` (confirmed by ${c.review.name}: ${c.review.reason})` : ''}.`;
  }
}

/** Refuses sending or sign-off while a support person is kept out (and, for sign-off, while a flag is open). */
export function requireChecksClear(
  checks: readonly SupportCheck[],
  what: string,
  openFlagsToo: boolean,
): void {
  const stopping = checks.filter((c) => c.effect === 'blocks' || (openFlagsToo && c.effect === 'to-review'));
  if (stopping.length === 0) return;
  throw new DomainError('WRONG_STAGE', `${what}: ${stopping.map(checkText).join(' ')}`, {
    supportChecks: stopping.map((c) => c.key),
  });
}

/** What a send or sign-off records of the checks it made (audited). */
export function checksRecord(checks: readonly SupportCheck[]): Array<Record<string, string>> {
  return checks.map((c) => ({
    key: c.key,
    person: c.personName,
    ref: c.ref,
    match: c.match,
    effect: c.effect,
  }));
}
