import type { ServerFields } from '../../workflow/types';
import type { V01State } from './model';

/**
 * V.01.05: who the advisory panel's core members are is fixed from the directory when the panel
 * is convened (every core member at the site), so "every core member has recommended" cannot be
 * narrowed from a card.
 */
export const serverFields: ServerFields<V01State> = {
  commands: {
    'v01.convenePanel': async (app, people) => {
      const core = await people.withRole('advisory-panel-core', app.site);
      return {
        coreMembers: core
          .map((p) => ({ aadObjectId: p.aadObjectId, name: p.name }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    },
  },
};
