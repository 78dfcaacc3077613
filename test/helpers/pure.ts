import { GENESIS_HASH } from '../../services/audit/hashChain';
import type { Actor } from '../../services/directory/person';
import { taskKeysOf } from '../../services/workflow/domain';
import type { ApplicationDoc } from '../../services/workflow/domain';
import type { AnyWorkflow, ApplicationHeader } from '../../services/workflow/types';

/**
 * The engine's snapshot, computed without a store: what the pure runners of the fixtures
 * (`F17Fixture`, `PureHui`, `runWorkflow`) share, so a fixture's application has the shape the
 * engine gives it.
 */

/** A new application as the engine inserts it, before its opening events are folded in. */
export function openedApplication<S>(
  def: AnyWorkflow,
  id: string,
  header: ApplicationHeader,
  starter: Actor,
  now: Date,
  lastHash = GENESIS_HASH,
): ApplicationDoc<S> {
  return {
    _id: id,
    kind: def.kind,
    ...header,
    stage: '',
    closed: false,
    version: 0,
    notifiedThrough: 0,
    lastHash,
    createdAt: now,
    updatedAt: now,
    createdBy: starter.aadObjectId,
    participants: [starter.aadObjectId],
    openTasks: [],
    taskKeys: [],
    state: def.initialState() as S,
  };
}

/**
 * `app` with its new `state` at `version`: stage, closed, participants (those before, the
 * process's own and `actors`) and, while open, its tasks.
 */
export function folded<S>(
  def: AnyWorkflow,
  app: ApplicationDoc<S>,
  change: { state: S; version: number; now: Date; actors: readonly string[] },
): ApplicationDoc<S> {
  const { state } = change;
  const base = {
    ...app,
    state,
    stage: def.stage(state),
    closed: def.closed(state),
    version: change.version,
    updatedAt: change.now,
    participants: [...new Set([...app.participants, ...def.participants(state), ...change.actors])],
  };
  const openTasks = base.closed ? [] : def.tasks(base);
  return { ...base, openTasks, taskKeys: taskKeysOf(openTasks) };
}
