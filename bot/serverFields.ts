import type { ApplicationDoc, Store, WorkflowKind } from '../services/store/types';

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
 * with the name the directory has for them, so every card and message can say who it is.
 */
type StartSupplier = (input: Record<string, unknown>, store: Store) => Promise<Record<string, unknown>>;

export const startSuppliedFields: Partial<Record<WorkflowKind, StartSupplier>> = {
  // C.07.02: the named case manager as the directory has them (found, name, roles), never the card's.
  C07: async (input, store) => {
    const id = typeof input.caseManagerId === 'string' ? input.caseManagerId.trim() : '';
    if (!id) return {};
    const person = await store.people.get(id);
    return {
      caseManagerCheck: person
        ? { found: true, name: person.name, roles: person.roles }
        : { found: false, roles: [] },
    };
  },
  F17: async (input, store) => {
    const id = typeof input.facilitatorId === 'string' ? input.facilitatorId.trim() : '';
    if (!id) return {};
    const person = await store.people.get(id);
    return person ? { facilitatorName: person.name } : {};
  },
};

export async function startFields(
  kind: WorkflowKind,
  input: Record<string, unknown>,
  store: Store,
): Promise<Record<string, unknown>> {
  const supply = startSuppliedFields[kind];
  return supply ? supply(input, store) : {};
}
