import type { Actor } from '../services/directory/person';
import { mayFind } from '../services/directory/search';
import { ValidationError } from '../services/errors';
import type { Store } from '../services/store/types';
import type { ApplicationDoc, WorkflowKind } from '../services/workflow/domain';

/**
 * Fields of a command that only the server may fill in, from the directory, whatever a card sent:
 * e.g. who the advisory panel's core members are when the panel is convened (V.01.05), so the
 * "every core member has recommended" rule cannot be narrowed from a card.
 */
type Supplier = (app: ApplicationDoc, store: Store) => Promise<Record<string, unknown>>;

export const serverSuppliedFields: Record<string, Supplier> = {
  'v01.convenePanel': async (app, store) => {
    const core = await store.people.withRole('advisory-panel-core', app.site);
    return {
      coreMembers: core
        .map((p) => ({ aadObjectId: p.aadObjectId, name: p.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  },
};

export async function serverFields(
  command: string,
  app: ApplicationDoc,
  store: Store,
): Promise<Record<string, unknown>> {
  const supply = serverSuppliedFields[command];
  return supply ? supply(app, store) : {};
}

/**
 * Start-form fields the server fills in from the directory: a person chosen from a list is stored
 * with the name the directory has for them, so every card and message can say who it is. A chosen
 * id is looked up again: someone not in the directory, or not in the part the starter may see, is
 * refused, whatever a card sent.
 */
type StartSupplier = (
  input: Record<string, unknown>,
  store: Store,
  actor: Actor,
) => Promise<Record<string, unknown>>;

async function chosenPerson(input: Record<string, unknown>, field: string, store: Store, actor: Actor) {
  const id = typeof input[field] === 'string' ? input[field].trim() : '';
  if (!id) return undefined;
  const person = await store.people.get(id);
  return person && mayFind(actor, person) ? person : null;
}

export const startSuppliedFields: Partial<Record<WorkflowKind, StartSupplier>> = {
  // C.07.02: the named case manager as the directory has them (found, name, roles), never the card's.
  C07: async (input, store, actor) => {
    const person = await chosenPerson(input, 'caseManagerId', store, actor);
    if (person === undefined) return {};
    return {
      caseManagerCheck: person
        ? { found: true, name: person.name, roles: person.roles }
        : { found: false, roles: [] },
    };
  },
  F17: async (input, store, actor) => {
    const person = await chosenPerson(input, 'facilitatorId', store, actor);
    if (person === undefined) return {};
    if (person === null)
      throw new ValidationError([
        {
          field: 'facilitatorId',
          message: 'Choose the facilitator from the list: that person is not in the staff directory.',
        },
      ]);
    return { facilitatorName: person.name };
  },
};

export async function startFields(
  kind: WorkflowKind,
  input: Record<string, unknown>,
  store: Store,
  actor: Actor,
): Promise<Record<string, unknown>> {
  const supply = startSuppliedFields[kind];
  return supply ? supply(input, store, actor) : {};
}
