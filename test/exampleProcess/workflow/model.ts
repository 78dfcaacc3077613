import type { Role } from '../../../services/directory/roles';
import type { Stamp } from '../../../services/workflow/stamp';

/**
 * An example process (test/exampleProcess/README.md): a case manager asks for something for a
 * prisoner, the general manager custodial approves or declines it. Small on purpose: it is the
 * "how to add a process" walk-through (docs/architecture.md) followed to the letter.
 */

export const EXAMPLE_KIND = 'X01' as const;
export const ID_PREFIX = 'REQ';

export const REQUESTERS: readonly Role[] = ['case-manager'];
export const DECIDERS: readonly Role[] = ['general-manager-custodial'];

export type Outcome = 'approve' | 'decline';

export interface ExampleState {
  request?: { what: string; by: Stamp };
  decision?: { outcome: Outcome; reasons: string; by: Stamp };
}

export function initialState(): ExampleState {
  return {};
}

export function stageOf(s: ExampleState): string {
  if (s.decision) return s.decision.outcome === 'approve' ? 'approved' : 'declined';
  return s.request ? 'decision' : 'started';
}

export function isClosed(s: ExampleState): boolean {
  return s.decision !== undefined;
}
