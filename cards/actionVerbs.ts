/**
 * The verb of an Action.Execute button says what kind of action it is; the bot looks the verb up
 * in its table of handlers (bot/cardActions.ts). The card data says what the action is about.
 *
 * - `open`: draw a card about an application for the clicker (a status, a task, a section shown).
 * - `refresh`: Teams redrawing a card for whoever views it (the card's `refresh` action).
 * - `submit`: run the card's workflow command with the card's inputs.
 * - `start`: a step of a start form (the start dialog).
 * - `myTasks`: the clicker's list of tasks.
 * - `statusToChat`: a channel post's "send my status view to my chat".
 */
export const ACTION_VERBS = ['open', 'refresh', 'submit', 'start', 'myTasks', 'statusToChat'] as const;
export type ActionVerb = (typeof ACTION_VERBS)[number];

/**
 * The one verb every button carried before each kind of action had its own. Cards posted in chats
 * live for months, so a click with it is still understood: the bot reads the kind from the data.
 */
export const LEGACY_VERB = 'tautoko';
