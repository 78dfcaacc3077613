import { ValidationError } from '../../errors';
import { chosenPerson } from '../../workflow/serverFields';
import type { ServerFields } from '../../workflow/types';
import type { F17State } from './model';

/** Someone chosen from a list, as the directory has them; refused beside the field otherwise. */
function notInDirectory(field: string, what: string): ValidationError {
  return new ValidationError([
    { field, message: `Choose ${what} from the list: that person is not in the staff directory.` },
  ]);
}

/**
 * People chosen from a list are stored with the name the directory has for them, so every card and
 * message says who they are and a card cannot name someone else: the programme facilitator on the
 * start form, and a further contributor asked for input (F.17: "any other person who can add
 * relevant information"), who is then sent the request in their own chat. Someone not in the
 * directory, or not in the part the sender may see, is refused beside the field.
 */
export const serverFields: ServerFields<F17State> = {
  async start(input, people, actor) {
    const person = await chosenPerson(input, 'facilitatorId', people, actor);
    if (person === undefined) return {};
    if (person === null) throw notInDirectory('facilitatorId', 'the facilitator');
    return { facilitatorName: person.name };
  },
  commands: {
    'f17.nameContributor': async (_app, people, input, actor) => {
      const person = await chosenPerson(input, 'contributorId', people, actor);
      if (person === undefined) return {};
      if (person === null) throw notInDirectory('contributorId', 'the person to ask');
      return { contributorName: person.name };
    },
  },
};
