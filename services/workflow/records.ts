/**
 * What one process may read of another's records. A process never imports another process's
 * modules: the process that owns a record publishes it in this neutral shape (its definition's
 * `publishes`), and the engine loads what is published and hands it to the processes that read it
 * (`DecideContext.records` for decisions, `ApplicationDoc.related` for cards). The rules about what
 * a record means for an application stay with the reading process.
 */

/** Someone as recorded on an application: a visitor, a hui support person. */
export interface PersonIdentity {
  name: string;
  /** YYYY-MM-DD; may be unknown (a hui support person's is optional). */
  dateOfBirth?: string;
  /** An IOMS visitor id, when one is recorded. */
  visitorId?: string;
}

/** A visitor prohibition order in force (V.01.08), as the issuing process publishes it. */
export interface ProhibitionRecord {
  orderId: string;
  site: string;
  visitor: { name: string; dateOfBirth: string; visitorId?: string };
  /** 'prison' covers the prison and all prison property, car-parks included (V.01.09.8). */
  scope: 'prisoner' | 'prisoners' | 'prison';
  prisonerIds: string[];
  /** The NZ day at whose close the order ends (V.01.08.5). */
  expiresOn: string;
}

/**
 * How sure a match is. 'identity': the same name and date of birth, or the same visitor id, with
 * nothing recorded that contradicts it (two different visitor ids, two different dates of birth).
 * 'name-only': the names match and one side has no date of birth to compare.
 */
export type MatchStrength = 'identity' | 'name-only';

export interface ProhibitionMatch extends ProhibitionRecord {
  match: MatchStrength;
  /** Which of the identities asked about matched (its index in the list asked about). */
  person: number;
}

/**
 * A contact restriction between a prisoner and a person (a protection or restraining order
 * protecting them, or a non-contact condition), as recorded on a visitor application (V.01.01.3–4).
 */
export interface RestrictionRecord {
  applicationId: string;
  site: string;
  prisonerId: string;
  /** The person the restriction is about, as the application records them. */
  about: ProhibitionRecord['visitor'];
  restriction: 'protection-order' | 'restraining-order' | 'non-contact-condition';
}

export interface RestrictionMatch extends RestrictionRecord {
  match: MatchStrength;
  /** Which of the identities asked about matched (its index in the list asked about). */
  person: number;
}

/** The read interface the engine builds for one decision or one load. */
export interface ProcessRecords {
  /** Orders in force now that match any of these people. */
  prohibitionOrdersFor(people: readonly PersonIdentity[]): ProhibitionMatch[];
  /** Contact restrictions between this prisoner and any of these people. */
  restrictionsFor(people: readonly PersonIdentity[], prisonerId: string): RestrictionMatch[];
}

/** Derived from other processes' records when an application is loaded; never stored. */
export interface RelatedRecords {
  prohibitionOrders: ProhibitionMatch[];
  /** Loaded for the application's prisoner; absent where nothing was asked. */
  restrictions?: RestrictionMatch[];
}

export const normaliseName = (n: string): string =>
  n.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Compares a person with an order's visitor; undefined when they are not the same person. */
export function matchPerson(
  order: ProhibitionRecord['visitor'],
  person: PersonIdentity,
): MatchStrength | undefined {
  const sameId =
    order.visitorId !== undefined &&
    person.visitorId !== undefined &&
    order.visitorId.trim().toUpperCase() === person.visitorId.trim().toUpperCase();
  const differentId = order.visitorId !== undefined && person.visitorId !== undefined && !sameId;
  if (sameId) return 'identity';
  if (differentId || normaliseName(order.name) !== normaliseName(person.name)) return undefined;
  if (!person.dateOfBirth) return 'name-only';
  return person.dateOfBirth === order.dateOfBirth ? 'identity' : undefined;
}

function matchesOf<R>(
  records: readonly R[],
  identity: (r: R) => ProhibitionRecord['visitor'],
  people: readonly PersonIdentity[],
): Array<R & { match: MatchStrength; person: number }> {
  const out: Array<R & { match: MatchStrength; person: number }> = [];
  for (const record of records) {
    people.forEach((p, i) => {
      const match = matchPerson(identity(record), p);
      if (match) out.push({ ...record, match, person: i });
    });
  }
  return out;
}

const samePrisoner = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** The read interface over the in-force orders (and any restrictions) the engine has loaded. */
export function recordsOver(
  orders: readonly ProhibitionRecord[],
  restrictions: readonly RestrictionRecord[] = [],
): ProcessRecords {
  return {
    prohibitionOrdersFor: (people) => matchesOf(orders, (o) => o.visitor, people),
    restrictionsFor: (people, prisonerId) =>
      matchesOf(
        restrictions.filter((r) => samePrisoner(r.prisonerId, prisonerId)),
        (r) => r.about,
        people,
      ),
  };
}

/** For tests and tools that decide without an engine: no other process has recorded anything. */
export const NO_RECORDS: ProcessRecords = recordsOver([]);
