import type { Actor, Person } from './person';
import { hasAnyRole, siteSchema } from './person';
import { NATIONAL_SITE, roleLabel } from './roles';
import type { Role } from './roles';

/**
 * Finding people in the staff directory by part of their name, for the people pickers on cards.
 * Each kind of person field (a case manager, a programme facilitator, any staff member) is a
 * dataset; a dataset may name the site the person must work at (`case-manager:Site-A`). What a
 * searcher finds is limited to what they may see of the directory: staff who share a site with
 * them (everyone, for a holder of an all-sites role), as for `whois`.
 */

/** At most this many people per answer: Teams shows no more than 15 in a typeahead list. */
export const SEARCH_LIMIT = 15;

/** Each kind of person field and the roles that person must hold (none: any staff member). */
export const PERSON_FIELDS = {
  staff: [],
  'case-manager': ['case-manager', 'principal-case-manager'],
  facilitator: ['programme-facilitator'],
  'panel-member': ['advisory-panel-core', 'advisory-panel-guest'],
} as const satisfies Record<string, readonly Role[]>;
export type PersonField = keyof typeof PERSON_FIELDS;

export interface Dataset {
  field: PersonField;
  site?: string;
}

/** The dataset a picker names (`<field>` or `<field>:<site>`); null for anything else. */
export function parseDataset(raw: string): Dataset | null {
  const at = raw.indexOf(':');
  const field = at < 0 ? raw : raw.slice(0, at);
  if (!Object.hasOwn(PERSON_FIELDS, field)) return null;
  if (at < 0) return { field: field as PersonField };
  const site = siteSchema.safeParse(raw.slice(at + 1));
  if (!site.success || site.data === NATIONAL_SITE) return null;
  return { field: field as PersonField, site: site.data };
}

export function datasetName(field: PersonField, site?: string): string {
  return site ? `${field}:${site}` : field;
}

/**
 * Whether the searcher may see this person in the directory: the searcher needs a role somewhere;
 * then they see people who share a site with them and holders of all-sites roles, and a holder of
 * an all-sites role sees everyone.
 */
export function mayFind(searcher: Pick<Actor, 'roles'>, person: Pick<Person, 'roles'>): boolean {
  if (searcher.roles.length === 0) return false;
  if (searcher.roles.some((g) => g.site === NATIONAL_SITE)) return true;
  const sites = new Set(searcher.roles.map((g) => g.site));
  return person.roles.some((g) => sites.has(g.site) || g.site === NATIONAL_SITE);
}

/** Whether the person fits the field: holds one of its roles (at its site, when it names one). */
export function fitsDataset(person: Pick<Person, 'roles'>, dataset: Dataset): boolean {
  const roles: readonly Role[] = PERSON_FIELDS[dataset.field];
  if (roles.length === 0)
    return dataset.site
      ? person.roles.some((g) => g.site === dataset.site || g.site === NATIONAL_SITE)
      : true;
  return dataset.site
    ? hasAnyRole(person, roles, dataset.site)
    : person.roles.some((g) => roles.includes(g.role));
}

export interface FoundPerson {
  aadObjectId: string;
  name: string;
  /** What tells two people of the same name apart: the role that fits the field, and where. */
  detail: string;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Every word typed starts a word of the name (or the email), in any order: "meg bo" finds Megan Bowen. */
function matches(person: Person, words: string[]): boolean {
  const nameWords = fold(person.name).split(/[\s'’-]+/);
  const email = fold(person.email);
  return words.every((w) => nameWords.some((n) => n.startsWith(w)) || email.startsWith(w));
}

function detailOf(person: Person, dataset: Dataset): string {
  const roles: readonly Role[] = PERSON_FIELDS[dataset.field];
  const grant =
    person.roles.find(
      (g) =>
        (roles.length === 0 || roles.includes(g.role)) &&
        (!dataset.site || g.site === dataset.site || g.site === NATIONAL_SITE),
    ) ?? person.roles[0];
  return grant ? `${roleLabel(grant.role)}, ${grant.site === NATIONAL_SITE ? 'all sites' : grant.site}` : '';
}

/**
 * The people of the directory that fit the dataset, that the searcher may see and whose name
 * matches what was typed (everyone who fits, for an empty query), by name, at most `limit`.
 */
export function searchDirectory(
  people: readonly Person[],
  searcher: Pick<Actor, 'roles'>,
  query: string,
  dataset: Dataset,
  page: { skip?: number; limit?: number } = {},
): FoundPerson[] {
  const words = fold(query.slice(0, 100))
    .split(/\s+/)
    .filter((w) => w !== '');
  const limit = Math.min(Math.max(page.limit ?? SEARCH_LIMIT, 0), SEARCH_LIMIT);
  return people
    .filter((p) => mayFind(searcher, p) && fitsDataset(p, dataset) && matches(p, words))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(Math.max(page.skip ?? 0, 0))
    .slice(0, limit)
    .map((p) => ({ aadObjectId: p.aadObjectId, name: p.name, detail: detailOf(p, dataset) }));
}

/** How a found person is listed in a picker: their name, and what tells them apart. */
export function pickerTitle(found: FoundPerson): string {
  return found.detail ? `${found.name} (${found.detail})` : found.name;
}
