import type { InvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { DirectoryCache } from '../services/directory/cache';
import type { Actor } from '../services/directory/person';
import {
  mayFind,
  parseDataset,
  pickerTitle,
  SEARCH_LIMIT,
  searchDirectory,
} from '../services/directory/search';
import type { FoundPerson } from '../services/directory/search';
import { badRequest } from './invokeResponses';

export const SEARCH_INVOKE = 'application/search';
const SEARCH_RESPONSE = 'application/vnd.microsoft.search.searchResponse';

/** What Teams sends as a user types into a choice set with `choices.data` (dynamic typeahead). */
const searchValueSchema = z.object({
  queryText: z.string().max(200).default(''),
  dataset: z.string().min(1).max(100),
  queryOptions: z
    .object({
      skip: z.number().int().min(0).max(10_000).optional(),
      top: z.number().int().min(0).max(1000).optional(),
    })
    .optional(),
});

interface PickerDeps {
  directory: DirectoryCache;
  resolveActor(context: TurnContext): Promise<Actor | null>;
}

/**
 * The people pickers on cards (cards/personPicker.ts): answers Teams' `application/search` invoke
 * with the people of the directory the searcher may see that fit the picker's dataset, and fills
 * each picker's static choices (for clients without typeahead) when the bot sends a card.
 */
export class PeoplePickers {
  constructor(private readonly deps: PickerDeps) {}

  /** The typeahead answer: at most 15 people, `{ title, value }` with the aadObjectId as the value. */
  async answer(context: TurnContext): Promise<InvokeResponse> {
    const parsed = searchValueSchema.safeParse(context.activity.value);
    const dataset = parsed.success ? parseDataset(parsed.data.dataset) : null;
    if (!parsed.success || !dataset) return badRequest('Tautoko cannot search that list.');
    const actor = await this.deps.resolveActor(context);
    const { queryText, queryOptions } = parsed.data;
    const found = actor
      ? searchDirectory(await this.deps.directory.all(), actor, queryText, dataset, {
          skip: queryOptions?.skip ?? 0,
          limit: queryOptions?.top ?? SEARCH_LIMIT,
        })
      : [];
    return {
      status: 200,
      body: { type: SEARCH_RESPONSE, value: { results: found.map(toChoice) } },
    };
  }

  /**
   * Fills every people picker in a freshly drawn card for its viewer: the first people who fit
   * (the fallback for clients without typeahead) and the person already chosen, by name. The card
   * is changed in place and returned.
   */
  async fill<T>(card: T, viewer: Actor): Promise<T> {
    const pickers = findPickers(card);
    if (pickers.length === 0) return card;
    const everyone = await this.deps.directory.all();
    for (const picker of pickers) {
      const dataset = parseDataset(picker.dataset);
      if (!dataset) continue;
      const given = (picker.node.choices as Array<{ title: string; value: string }> | undefined) ?? [];
      // The card's stand-in choice for an empty list (a single space, read as 'nobody chosen'; see
      // cards/personPicker.ts) is dropped once there are people to offer.
      const choices = given.filter((c) => c.value.trim() !== '');
      const have = new Set(choices.map((c) => c.value));
      const add = (f: FoundPerson) => {
        if (have.has(f.aadObjectId)) return;
        have.add(f.aadObjectId);
        choices.push(toChoice(f));
      };
      for (const f of searchDirectory(everyone, viewer, '', dataset)) add(f);
      const chosen = typeof picker.node.value === 'string' ? picker.node.value : undefined;
      const person = chosen && !have.has(chosen) ? everyone.find((p) => p.aadObjectId === chosen) : undefined;
      if (person && mayFind(viewer, person))
        add({ aadObjectId: person.aadObjectId, name: person.name, detail: '' });
      picker.node.choices = choices.length > 0 ? choices : given;
    }
    return card;
  }
}

function toChoice(found: FoundPerson): { title: string; value: string } {
  return { title: pickerTitle(found), value: found.aadObjectId };
}

function findPickers(card: unknown): Array<{ node: Record<string, unknown>; dataset: string }> {
  const out: Array<{ node: Record<string, unknown>; dataset: string }> = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const node = v as Record<string, unknown>;
    const query = node['choices.data'] as { dataset?: unknown } | undefined;
    if (node.type === 'Input.ChoiceSet' && typeof query?.dataset === 'string')
      out.push({ node, dataset: query.dataset });
    Object.values(node).forEach(walk);
  };
  walk(card);
  return out;
}
