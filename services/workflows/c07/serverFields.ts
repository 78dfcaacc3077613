import { chosenPerson } from '../../workflow/serverFields';
import type { ServerFields } from '../../workflow/types';
import type { HuiState } from './model';

/**
 * C.07.02: the case manager named on the start form, as the directory has them (found, name,
 * roles), never the card's; the start refuses someone who is not a case manager at the site
 * (caseManager.ts).
 */
export const serverFields: ServerFields<HuiState> = {
  async start(input, people, actor) {
    const person = await chosenPerson(input, 'caseManagerId', people, actor);
    if (person === undefined) return {};
    return {
      caseManagerCheck: person
        ? { found: true, name: person.name, roles: person.roles }
        : { found: false, roles: [] },
    };
  },
};
