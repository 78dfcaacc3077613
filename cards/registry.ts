import { registry } from './processes';

export { statusCardName } from './process';

/**
 * Every card the bot can draw for an application, by name: the cards of every process in
 * cards/processes.ts. Names are `<kind>.<card>` in lower case (e.g. `f17.status`, `f17.section`);
 * `<kind>.status` is what `status <id>` shows. Outbox messages and Action.Execute data refer to
 * cards by these names only.
 */
export const cardRenderers = registry.cardRenderers;

/** The start form of each process, in steps, drawn by the start dialog. */
export const startForms = registry.startForms;
