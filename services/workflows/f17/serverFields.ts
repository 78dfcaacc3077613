import { ValidationError } from '../../errors';
import { chosenPerson } from '../../workflow/serverFields';
import type { ServerFields } from '../../workflow/types';
import type { F17State } from './model';

/**
 * The programme facilitator chosen from the list is stored with the name the directory has for
 * them, so every card and message can say who it is; someone not in the directory, or not in the
 * part the starter may see, is refused beside the field.
 */
export const serverFields: ServerFields<F17State> = {
  async start(input, people, actor) {
    const person = await chosenPerson(input, 'facilitatorId', people, actor);
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
