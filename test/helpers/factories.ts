import type { ProcessKind } from '../../cards/processes';
import type { Actor, Person, RoleGrant } from '../../services/directory/person';
import type { Role } from '../../services/directory/roles';
import { HUI_SITE, huiPeople, huiStartInput } from '../fixtures/c07';
import { people as f17People, SITE as F17_SITE, startInput as f17StartInput } from '../fixtures/f17';
import { nomination, orderInput, people as v01People, SITE as V01_SITE } from '../fixtures/v01';

/**
 * Test-data factories shared by every process's tests: a person for the directory, and for each
 * process a start input with realistic defaults and the person who starts it. Every factory takes
 * overrides; a test names only what it is about.
 */

let made = 0;

export interface PersonOverrides extends Partial<Omit<Person, 'roles'>> {
  /** Roles held at `site`. */
  roles?: readonly Role[];
  /** Where `roles` are held (Rimutaka unless given). */
  site?: string;
  /** Further grants, each at its own site (a national grant is at '*'). */
  grants?: readonly RoleGrant[];
}

/** A person in the directory: `roles` at `site`, with a made-up id, name and email unless given. */
export function person(overrides: PersonOverrides = {}): Person {
  const { roles = [], site = 'Rimutaka', grants = [], ...rest } = overrides;
  made += 1;
  const aadObjectId = rest.aadObjectId ?? `aad-person-${made}`;
  return {
    aadObjectId,
    name: rest.name ?? `Test Person ${made}`,
    email: rest.email ?? `${aadObjectId}@corrections.example`,
    roles: [...roles.map((role) => ({ role, site })), ...grants],
  };
}

/** An actor of the fixtures as the directory holds them (their email made from their id). */
export function directoryEntry(a: Actor | Person): Person {
  return {
    aadObjectId: a.aadObjectId,
    name: a.name,
    email: 'email' in a ? a.email : `${a.aadObjectId}@corrections.example`,
    roles: a.roles,
  };
}

export type { ProcessKind };
export type StartOverrides = Record<string, unknown>;

/** What each process's start form sends, with defaults and overrides (an undefined override drops a field). */
export const startInputs: Record<ProcessKind, (overrides?: StartOverrides) => Record<string, unknown>> = {
  F17: (o = {}) => f17StartInput(o as Partial<Record<string, string>>),
  C07: (o = {}) => huiStartInput(o as Partial<Record<string, string>>),
  V01: (o = {}) => withoutUndefined(nomination(o)),
  V01P: (o = {}) => withoutUndefined(orderInput(o)),
};

/** Who starts each process unless a test says otherwise, and where. */
export const starters: Record<ProcessKind, { actor: Actor; site: string }> = {
  F17: { actor: f17People.caseManager, site: F17_SITE },
  C07: { actor: huiPeople.caseOfficer, site: HUI_SITE },
  V01: { actor: v01People.staff, site: V01_SITE },
  V01P: { actor: v01People.rmm, site: V01_SITE },
};

function withoutUndefined(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}
