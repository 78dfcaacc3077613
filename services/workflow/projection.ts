import { randomUUID } from 'node:crypto';
import { auditActor } from '../directory/delegation';
import type { Actor } from '../directory/person';
import { GENESIS_HASH, hashEvent } from '../audit/hashChain';
import type { DueDates } from '../scheduler/dueDates';
import { taskKeysOf } from '../workflow/domain';
import type { ApplicationDoc, AuditEvent } from '../workflow/domain';
import type { AnyWorkflow, AppliedEvent, NewEvent } from './types';

/**
 * The pure half of the engine: how decided events become audit events, and how audit events fold
 * into an application's snapshot. No I/O here; the engine reads and writes.
 */

/** Where a change came from: carried into every audit event it causes. */
export interface Origin {
  activityId: string;
  correlationId: string;
}

/** Event ids are the application id and the event's number: unique, and a point look-up away. */
export function eventId(applicationId: string, seq: number): string {
  return `${applicationId}#${seq}`;
}

/** Numbers, stamps and chains the events a workflow decided on after the application's newest. */
export function stampEvents(
  app: Pick<ApplicationDoc, '_id' | 'version' | 'lastHash'>,
  events: NewEvent[],
  actor: Actor,
  now: Date,
  origin: Origin,
): AuditEvent[] {
  let prevHash = app.lastHash;
  return events.map((e, i) => {
    const seq = app.version + i + 1;
    const partial: Omit<AuditEvent, 'hash'> = {
      _id: eventId(app._id, seq),
      applicationId: app._id,
      seq,
      type: e.type,
      actor: auditActor(actor),
      at: now,
      activityId: origin.activityId || randomUUID(),
      correlationId: origin.correlationId,
      payload: e.payload,
      prevHash,
    };
    const hash = hashEvent(partial);
    prevHash = hash;
    return { ...partial, hash };
  });
}

/** Folds events into the snapshot and recomputes everything derived from state. */
export function project(
  def: AnyWorkflow,
  app: ApplicationDoc,
  events: AuditEvent[],
  dueDates: DueDates,
): ApplicationDoc {
  let state = app.state;
  for (const e of events) {
    const applied: AppliedEvent = { type: e.type, payload: e.payload, actor: e.actor, at: e.at, seq: e.seq };
    state = def.evolve(state, applied);
  }
  const last = events[events.length - 1];
  const participants = new Set([
    ...app.participants,
    ...def.participants(state),
    ...events.map((e) => e.actor.aadObjectId),
  ]);
  // `related` is derived on load and never stored.
  const { related: _related, ...stored } = app;
  void _related;
  const withoutTasks = {
    ...stored,
    state,
    stage: def.stage(state),
    closed: def.closed(state),
    version: last ? last.seq : app.version,
    lastHash: last ? last.hash : app.lastHash,
    updatedAt: last ? last.at : app.updatedAt,
    participants: [...participants],
  };
  const openTasks = withoutTasks.closed
    ? []
    : dueDates.stamp(app.openTasks, def.tasks(withoutTasks), withoutTasks.updatedAt, app.site);
  return { ...withoutTasks, openTasks, taskKeys: taskKeysOf(openTasks) };
}

/** The stored state was folded by another shape of the workflow's state (`stateVersion`). */
export function staleState(def: AnyWorkflow, doc: ApplicationDoc): boolean {
  return (doc.stateVersion ?? 0) !== (def.stateVersion ?? 0);
}

/** The snapshot's state folded again from its trail (`history` from seq 1), up to its version. */
export function rebuild(
  def: AnyWorkflow,
  doc: ApplicationDoc,
  history: AuditEvent[],
  dueDates: DueDates,
): ApplicationDoc {
  const { stateVersion: _old, ...rest } = doc;
  void _old;
  const empty: ApplicationDoc = {
    ...rest,
    ...(def.stateVersion ? { stateVersion: def.stateVersion } : {}),
    state: def.initialState(),
    version: 0,
    lastHash: GENESIS_HASH,
  };
  const upTo = history.filter((e) => e.seq <= doc.version);
  if (upTo.length === 0) return { ...empty, version: doc.version, lastHash: doc.lastHash };
  return project(def, empty, upTo, dueDates);
}
