import { datasetName } from '../services/directory/search';
import type { PersonField } from '../services/directory/search';
import type { FieldError } from '../services/errors';
import { choiceInput } from './kit';
import type { CardElement, PersonChoice } from './types';

export const NOBODY_FOUND = 'Nobody chosen (type part of a name to search)';
export const NOBODY = ' ';

/**
 * A person input: a choice set the user types part of a name into. Teams asks the bot for the
 * matching people of the directory as they type (`choices.data`, answered by the bot's
 * `application/search` invoke over the dataset: the kind of person and, when the field needs one,
 * their site); the static `choices` are a short list for clients without typeahead, which the bot
 * fills in when it sends the card (bot/peoplePickers.ts). The value sent back is the chosen
 * person's aadObjectId, which the server looks up in the directory again: nobody types an id.
 */
export function personPicker(o: {
  id: string;
  label: string;
  field: PersonField;
  site?: string | undefined;
  value?: string | undefined;
  required?: boolean;
  errors?: FieldError[] | undefined;
  /** Choices the card already knows (the bot adds its own short list and the chosen person). */
  people?: PersonChoice[] | undefined;
}): CardElement[] {
  return choiceInput({
    id: o.id,
    label: o.label,
    value: o.value,
    errors: o.errors,
    ...(o.required ? { required: true } : {}),
    choices: o.people?.length
      ? o.people.map((p) => ({ title: p.name, value: p.aadObjectId }))
      : // A choice set needs a choice with a value; a blank one reads as "nobody chosen" everywhere
        // (the bot replaces it with people when it sends the card).
        [{ title: NOBODY_FOUND, value: NOBODY }],
  }).map((el) =>
    el.type === 'Input.ChoiceSet'
      ? {
          ...el,
          style: 'filtered',
          placeholder: 'Type part of their name',
          'choices.data': { type: 'Data.Query', dataset: datasetName(o.field, o.site) },
        }
      : el,
  );
}
