import type { Role } from '../directory/roles';
import type { ActingStamp } from '../directory/delegation';
import type { TaskTerm } from '../scheduler/settings';
import type { RelatedRecords } from './records';

/**
 * The domain's own records: an application (its snapshot), the audit events that made it, and the
 * tasks it has open. The workflow layer owns them; the store persists them (services/store/types.ts).
 */

/**
 * A process's kind ('F17'), as its definition names it. The list of processes (cards/processes.ts)
 * derives the union of the kinds in use (`ProcessKind`); the domain takes any.
 */
export type WorkflowKind = string;

/** A piece of work waiting for someone: a section to answer, a decision to make, a follow-up. */
export interface Task {
  key: string;
  label: string;
  /** Anyone holding one of these roles at `site` may do it... */
  roles: Role[];
  site: string;
  /** ...or exactly this person. */
  assignee?: string;
  /** How its due date is set (see services/scheduler/settings.ts); `input` when absent. */
  term?: TaskTerm;
  /** Set by the engine: every open task has one (from the policy, or the site's working days). */
  dueAt?: Date;
  /** Set by the engine: when the task first opened (kept while it stays open). */
  openedAt?: Date;
  /** A `timer` task: the command the scheduler runs, as the system, once `dueAt` has passed. */
  timer?: { command: string };
  /** Not shown in `my tasks` before this time (e.g. recording a hui's outcome after the hui). */
  availableFrom?: Date;
  /** The card that does this task (a card registry name), opened from `my tasks`. */
  card?: string;
  params?: Record<string, string | number | boolean>;
}

export interface ApplicationDoc<S = unknown> {
  _id: string;
  kind: WorkflowKind;
  site: string;
  prisonerId: string;
  prisonerName: string;
  title: string;
  /** Identifies "the same application" for workflows that allow only one open at a time. */
  dedupeKey?: string;
  stage: string;
  closed: boolean;
  /** Number of audit events applied; the optimistic-concurrency token. */
  version: number;
  /** Seq of the newest event whose notifications are safely in the outbox. */
  /** Notifications for events up to here are in the outbox; written only with the snapshot itself. */
  notifiedThrough: number;
  /** Hash of the newest audit event, so the next one can chain to it. */
  lastHash: string;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  /** aadObjectIds of everyone who has taken part or been named: they may see the application. */
  participants: string[];
  openTasks: Task[];
  /** `role:<site>:<role>` and `person:<aadObjectId>` for every open task: the `my tasks` index. */
  taskKeys: string[];
  /** Workflow-specific state, validated into our own shape (never a card's raw keys). */
  state: S;
  /** The workflow's `stateVersion` the state was folded with; absent means 0. */
  stateVersion?: number;
  /** Other processes' records about this application's people, added on load; never stored. */
  related?: RelatedRecords;
}

export interface AuditActor {
  aadObjectId: string;
  /** The name the action is shown with: "<name>, acting <role>" when taken under a delegation. */
  name: string;
  /** The delegation an action was taken under (services/directory/delegation.ts). */
  acting?: ActingStamp;
}

export interface AuditEvent {
  _id: string;
  applicationId: string;
  seq: number;
  type: string;
  actor: AuditActor;
  at: Date;
  activityId: string;
  correlationId: string;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/**
 * A filtered, paged list of applications (the tab's Applications page and its CSV export).
 * `scope` is who is asking, expressed as the visibility rule of `services/access.ts`: the store
 * never returns an application outside it, and the query layer checks every row again.
 */
export function taskKeysOf(tasks: Task[]): string[] {
  const keys = new Set<string>();
  for (const t of tasks) {
    if (t.assignee) keys.add(`person:${t.assignee}`);
    else for (const r of t.roles) keys.add(`role:${t.site}:${r}`);
  }
  return [...keys];
}
