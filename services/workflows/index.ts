import type { AnyWorkflow } from '../workflow/types';
import { c07Definition } from './c07/definition';
import { f17Definition } from './f17/definition';
import { prohibitionDefinition } from './prohibition';
import { v01Definition } from './v01';

/**
 * Every process the bot runs. Each is a WorkflowDefinition in its own folder; adding one here
 * is all the engine, `help`, `status` and `my tasks` need to know about it.
 */
export const workflows: AnyWorkflow[] = [c07Definition, f17Definition, v01Definition, prohibitionDefinition];
