import type { ApplicationDoc, Store } from '../services/store/types';

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
