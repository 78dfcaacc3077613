import type { Actor, Person } from '../directory/person';
import { mayFind } from '../directory/search';
import type { ApplicationDoc } from './domain';
import type { AnyWorkflow, PeopleReader } from './types';

/**
 * The one place a process's server-filled fields (`WorkflowDefinition.serverFields`) are applied:
 * the bot adds what these return to a start form's answers and to a card's command, after the
 * card's own fields, so a card can never set them.
 */

type Fields = Record<string, unknown>;

/** The start form's server-filled fields for these answers. May throw ValidationError. */
export async function startFields(
  def: Pick<AnyWorkflow, 'serverFields'>,
  input: Fields,
  people: PeopleReader,
  actor: Actor,
): Promise<Fields> {
  const supply = def.serverFields?.start;
  return supply ? supply(input, people, actor) : {};
}

/**
 * The server-filled fields of a command of this type on this application, given what the card
 * sent (`input`) and who sent it. May throw ValidationError.
 */
export async function commandFields(
  def: Pick<AnyWorkflow, 'serverFields'>,
  command: string,
  app: ApplicationDoc,
  people: PeopleReader,
  input: Fields,
  actor: Actor,
): Promise<Fields> {
  const supply = def.serverFields?.commands?.[command];
  return supply ? supply(app, people, input, actor) : {};
}

/**
 * A person chosen from a list on a start form (`input[field]` holds their id), looked up again:
 * undefined when none was chosen, null when the directory does not have them or the starter may
 * not see them, whatever a card sent.
 */
export async function chosenPerson(
  input: Fields,
  field: string,
  people: PeopleReader,
  actor: Actor,
): Promise<Person | null | undefined> {
  const id = typeof input[field] === 'string' ? input[field].trim() : '';
  if (!id) return undefined;
  const person = await people.get(id);
  return person && mayFind(actor, person) ? person : null;
}
