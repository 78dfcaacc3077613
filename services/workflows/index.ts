import type { AnyWorkflow } from '../workflow/types';

/**
 * Every process the bot runs. Each is a WorkflowDefinition in its own folder; adding one here
 * is all the engine, `help`, `status` and `my tasks` need to know about it.
 */
export const workflows: AnyWorkflow[] = [];
