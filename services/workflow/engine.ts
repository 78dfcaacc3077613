import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Actor, Person } from '../directory/person';
import { NATIONAL_SITE } from '../directory/roles';
import { GENESIS_HASH, hashEvent } from '../audit/hashChain';
import type { Clock } from '../clock';
import { DomainError, UnavailableError, ValidationError } from '../errors';
import { nzYear } from '../time';
import { DueDates } from '../scheduler/dueDates';
import { DuplicateError, taskKeysOf } from '../store/types';
import type { ApplicationDoc, AuditEvent, OutboxMessage, Store, WorkflowKind } from '../store/types';
import { zodFieldErrors } from '../validation';
import { NO_RECORDS, recordsOver } from './records';
import type { ProcessRecords, ProhibitionRecord } from './records';
import type { AnyWorkflow, AppliedEvent, NewEvent, Notification } from './types';

/** Prohibition orders read per decision; far more than a department issues in force at once. */
const MAX_ORDERS = 5000;

/** Where a change came from: carried into every audit event it causes. */
export interface Origin {
  activityId: string;
  correlationId: string;
}

export interface ExecuteResult {
  app: ApplicationDoc;
  events: AuditEvent[];
}

const MAX_ATTEMPTS = 8;

/**
 * Runs every workflow. Concurrency is settled by the audit trail itself: an event's
 * (applicationId, seq) is unique, so of two writers who read the same version only one can
 * append; the other re-reads and decides again (usually "already decided by ..."). The
 * application document is a snapshot of the events, repaired on read if a writer stopped
 * between appending events and saving the snapshot, and only ever written whole (insert or a
 * version-guarded replace); notifications go to the outbox with ids
 * derived from their event, so no retry or repair sends one twice.
 */
export class WorkflowEngine {
  private readonly byKind: Map<WorkflowKind, AnyWorkflow>;

  constructor(
    private readonly store: Store,
    workflows: AnyWorkflow[],
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Puts a due date on every task (the site's working days unless the policy sets one). */
    private readonly dueDates: DueDates = new DueDates(),
  ) {
    this.byKind = new Map(workflows.map((w) => [w.kind, w]));
  }

  workflows(): AnyWorkflow[] {
    return [...this.byKind.values()];
  }

  workflow(kind: WorkflowKind): AnyWorkflow {
    const w = this.byKind.get(kind);
    if (!w) throw new DomainError('NOT_FOUND', `Unknown process ${kind}.`);
    return w;
  }

  async start(kind: WorkflowKind, rawInput: unknown, actor: Actor, origin: Origin): Promise<ApplicationDoc> {
    const def = this.workflow(kind);
    const parsed = def.startSchema.safeParse(rawInput);
    if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
    const now = this.clock.now();
    const records = await this.recordsFor(def, now);
    const { header, events } = def.start(parsed.data, { actor, now, records });
    const id = await this.nextId(def.idPrefix, now);
    if (header.dedupeKey) {
      const claim = await this.store.claims.claim(`${kind}:${header.dedupeKey}`, id);
      if (!claim.ok) {
        const existing = await this.load(claim.holder);
        if (existing && !existing.closed) {
          throw new DomainError(
            'DUPLICATE',
            `There is already an open ${def.label} for this: ${claim.holder}.`,
            {
              existingId: claim.holder,
            },
          );
        }
        // The holder closed without releasing (a crash between the two writes): take the claim over.
        await this.store.claims.release(`${kind}:${header.dedupeKey}`, claim.holder);
        const retry = await this.store.claims.claim(`${kind}:${header.dedupeKey}`, id);
        if (!retry.ok)
          throw new DomainError('DUPLICATE', `There is already an open ${def.label}: ${retry.holder}.`, {
            existingId: retry.holder,
          });
      }
    }
    const base: ApplicationDoc = {
      _id: id,
      kind,
      ...header,
      stage: '',
      closed: false,
      version: 0,
      notifiedThrough: 0,
      lastHash: GENESIS_HASH,
      createdAt: now,
      updatedAt: now,
      createdBy: actor.aadObjectId,
      participants: [actor.aadObjectId],
      openTasks: [],
      taskKeys: [],
      state: def.initialState(),
      ...(def.stateVersion ? { stateVersion: def.stateVersion } : {}),
    };
    const stamped = this.stamp(base, events, actor, now, origin);
    await this.store.events.append(stamped);
    const projected = this.project(def, base, stamped);
    // The outbox first, then the snapshot marked as notified: see `notify`.
    await this.notify(def, projected, stamped);
    const doc = { ...projected, notifiedThrough: projected.version };
    await this.store.applications.insert(doc);
    this.logger.info(
      { applicationId: id, kind, activityId: origin.activityId, events: stamped.length },
      'application started',
    );
    return withRelated(def, doc, records);
  }

  /**
   * Reads an application as its audit trail says, with what other processes have recorded about
   * its people (`related`). Never writes: a snapshot left behind its trail by a crash is brought
   * up to date here in memory only; storing it and sending its notifications is `repair`'s work
   * (the reconcile sweep), or the next change's.
   */
  async load(id: string): Promise<ApplicationDoc | null> {
    const doc = await this.loadCurrent(id, 'read');
    if (!doc) return null;
    const def = this.workflow(doc.kind);
    return withRelated(def, doc, await this.recordsFor(def, this.clock.now()));
  }

  /**
   * The read interface over other processes' records, for a process that reads them: every
   * published prohibition order in force at `now`.
   */
  async recordsFor(def: AnyWorkflow, now: Date): Promise<ProcessRecords> {
    if (!def.reads) return NO_RECORDS;
    const orders: ProhibitionRecord[] = [];
    for (const publisher of this.byKind.values()) {
      const publish = publisher.publishes?.prohibitionOrder;
      if (!publish) continue;
      for (const doc of await this.store.applications.findByKind(publisher.kind, MAX_ORDERS)) {
        const order = publish(doc, now);
        if (order) orders.push(order);
      }
    }
    return recordsOver(orders);
  }

  /**
   * Brings an application's stored snapshot and outbox up to its audit trail: the outbox's
   * reconcile sweep calls it for every application with recent events.
   */
  async repair(id: string): Promise<ApplicationDoc | null> {
    return this.loadCurrent(id, 'repair');
  }

  /**
   * The application as its audit trail says. 'read' computes it in memory; 'repair' also puts the
   * missing notifications in the outbox and stores the snapshot.
   */
  private async loadCurrent(id: string, mode: CatchUp): Promise<ApplicationDoc | null> {
    const doc = await this.store.applications.get(id);
    if (!doc) return null;
    const def = this.workflow(doc.kind);
    if (staleState(def, doc)) return this.catchUp(def, doc, await this.store.events.list(id), mode);
    // A point look-up for the next event first: the range read only when a writer stopped between
    // appending events and saving the snapshot.
    const behind = await this.store.events.hasEvent(eventId(id, doc.version + 1));
    if (!behind && (mode === 'read' || doc.notifiedThrough >= doc.version)) return doc;
    const events = await this.store.events.list(id, Math.min(doc.notifiedThrough, doc.version) + 1);
    return this.catchUp(def, doc, events, mode);
  }

  /**
   * Brings a snapshot up to its audit trail (`events`: at least every event after its version and
   * after its notifiedThrough; the whole trail when the snapshot's state is of an older shape). In
   * 'repair' mode, notifications first, then the snapshot that covers them.
   */
  private async catchUp(
    def: AnyWorkflow,
    doc: ApplicationDoc,
    events: AuditEvent[],
    mode: CatchUp,
  ): Promise<ApplicationDoc> {
    const stale = staleState(def, doc);
    const base = stale ? this.rebuild(def, doc, events) : doc;
    const missing = events.filter((e) => e.seq > doc.version);
    if (!stale && missing.length === 0 && (mode === 'read' || doc.notifiedThrough >= doc.version)) return doc;
    const current = missing.length > 0 ? this.project(def, base, missing) : base;
    if (mode === 'read') return current;
    await this.notify(
      def,
      current,
      events.filter((e) => e.seq > doc.notifiedThrough),
    );
    // A snapshot moves only out of its version (see replaceIfVersion): one whose state alone is
    // stale is stored folded again with the next change.
    if (missing.length === 0) return current;
    const repaired = { ...current, notifiedThrough: current.version };
    if (!(await this.store.applications.replaceIfVersion(repaired, doc.version)))
      await this.settleSnapshot(def, doc._id, repaired.version);
    this.logger.warn(
      { applicationId: doc._id, from: doc.version, to: repaired.version, rebuilt: stale },
      'repaired application snapshot',
    );
    return repaired;
  }

  /** The snapshot's state folded again from its trail, for a state of an older `stateVersion`. */
  private rebuild(def: AnyWorkflow, doc: ApplicationDoc, history: AuditEvent[]): ApplicationDoc {
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
    return upTo.length > 0
      ? this.project(def, empty, upTo)
      : { ...empty, version: doc.version, lastHash: doc.lastHash };
  }

  /**
   * An application and its whole audit trail (`status`), as `load` reads it, from the one read of
   * the trail: two requests where load-then-history takes three. Never writes.
   */
  async loadWithHistory(id: string): Promise<{ app: ApplicationDoc; history: AuditEvent[] } | null> {
    const doc = await this.store.applications.get(id);
    if (!doc) return null;
    const history = await this.store.events.list(id);
    const def = this.workflow(doc.kind);
    const app = await this.catchUp(def, doc, history, 'read');
    return { app: withRelated(def, app, await this.recordsFor(def, this.clock.now())), history };
  }

  /**
   * Parses and decides a command against the newest state and records the outcome. Throws
   * DomainError (validation, permission, stage, already done) and leaves nothing written.
   */
  async execute(
    id: string,
    rawCommand: unknown,
    actor: Actor,
    origin: Origin,
    snapshot?: ApplicationDoc,
  ): Promise<ExecuteResult> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // The caller's snapshot, read just now, saves a read. It may be behind the audit trail (a
      // writer stopped before saving it): then the append below clashes on its seq, and this loop
      // loads in full and decides again. A refusal from it is confirmed the same way.
      const unchecked = attempt === 1 && snapshot?._id === id ? snapshot : undefined;
      const current = unchecked ?? (await this.loadCurrent(id, 'repair'));
      if (!current) throw new DomainError('NOT_FOUND', `No application ${id}.`);
      const def = this.workflow(current.kind);
      const parsed = def.commandSchema.safeParse(rawCommand);
      if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
      const now = this.clock.now();
      const records = await this.recordsFor(def, now);
      const app = withRelated(def, current, records);
      let newEvents: NewEvent[];
      try {
        newEvents = def.decide(app, parsed.data, { actor, now, records });
      } catch (e) {
        if (unchecked && e instanceof DomainError) continue;
        throw e;
      }
      if (newEvents.length === 0 && unchecked) continue;
      if (newEvents.length === 0) return { app, events: [] };
      const stamped = this.stamp(app, newEvents, actor, now, origin);
      const projected = this.project(def, app, stamped);
      const next = { ...projected, notifiedThrough: projected.version };
      // Who is to be told is read from the directory while the events are appended (one round
      // trip instead of two); used only once the append is in.
      const messages = this.messagesFor(def, withRelated(def, next, records), stamped);
      messages.catch(() => undefined);
      try {
        await this.store.events.append(stamped);
      } catch (e) {
        if (e instanceof DuplicateError) {
          this.logger.debug({ applicationId: id, attempt }, 'lost a race to append; deciding again');
          continue;
        }
        throw e;
      }
      try {
        // Queued before the snapshot that says they are (see notify).
        const queued = await messages;
        if (queued.length > 0) await this.store.outbox.enqueue(queued);
        if (!(await this.store.applications.replaceIfVersion(next, app.version)))
          await this.settleSnapshot(def, id, next.version);
        if (next.closed && !app.closed && next.dedupeKey) {
          await this.store.claims.release(`${next.kind}:${next.dedupeKey}`, next._id);
        }
      } catch (e) {
        // The events are in, so the change is recorded: telling the user "not saved" would be wrong.
        // The snapshot and the outbox catch up from the audit trail on the next load.
        if (!(e instanceof UnavailableError)) throw e;
        this.logger.warn(
          { applicationId: id, activityId: origin.activityId },
          'recorded; snapshot and notifications deferred',
        );
      }
      this.logger.info(
        {
          applicationId: id,
          types: stamped.map((e) => e.type),
          activityId: origin.activityId,
          correlationId: origin.correlationId,
        },
        'application changed',
      );
      return { app: withRelated(def, next, records), events: stamped };
    }
    throw new DomainError('CONFLICT', 'Several people changed this application at once. Please try again.');
  }

  /**
   * Makes the stored snapshot cover the audit trail at least up to `through`. A writer whose
   * replace was refused lost the move out of that version to another writer (a repair on read, or
   * a racer's snapshot still on its way); it must not return while its own events are missing from
   * the snapshot, or the snapshot would stay behind the trail until someone reads it.
   */
  private async settleSnapshot(def: AnyWorkflow, id: string, through: number): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS * 4; attempt++) {
      const doc = await this.store.applications.get(id);
      if (!doc || doc.version >= through) return;
      const stale = staleState(def, doc);
      const events = await this.store.events.list(id, stale ? 1 : doc.version + 1);
      const missing = events.filter((e) => e.seq > doc.version);
      if (missing.length === 0) return;
      const projected = this.project(def, stale ? this.rebuild(def, doc, events) : doc, missing);
      // Another writer's events may be among these, their outbox entries not yet written.
      await this.notify(def, projected, missing);
      const caughtUp = { ...projected, notifiedThrough: projected.version };
      if (
        (await this.store.applications.replaceIfVersion(caughtUp, doc.version)) &&
        caughtUp.version >= through
      )
        return;
      // Another writer holds the move out of this version: give it a moment to write.
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
    }
    this.logger.warn(
      { applicationId: id, through },
      'snapshot still behind the audit trail; left to the reconcile sweep',
    );
  }

  async history(id: string): Promise<AuditEvent[]> {
    return this.store.events.list(id);
  }

  private async nextId(prefix: string, now: Date): Promise<string> {
    const year = nzYear(now);
    const n = await this.store.counters.next(`${prefix}-${year}`);
    return `${prefix}-${year}-${String(n).padStart(5, '0')}`;
  }

  private stamp(
    app: ApplicationDoc,
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
        actor: { aadObjectId: actor.aadObjectId, name: actor.name },
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
  private project(def: AnyWorkflow, app: ApplicationDoc, events: AuditEvent[]): ApplicationDoc {
    let state = app.state;
    for (const e of events) {
      const applied: AppliedEvent = {
        type: e.type,
        payload: e.payload,
        actor: e.actor,
        at: e.at,
        seq: e.seq,
      };
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
      : this.dueDates.stamp(app.openTasks, def.tasks(withoutTasks), withoutTasks.updatedAt, app.site);
    return { ...withoutTasks, openTasks, taskKeys: taskKeysOf(openTasks) };
  }

  /**
   * Puts the events' notifications in the outbox. It runs before the snapshot that covers the
   * events is written, and that snapshot carries `notifiedThrough` with it: the mark is never moved
   * by an update of its own, because FerretDB applies an update as read-then-write of the whole
   * document, and such an update racing a snapshot replace wrote the older snapshot back (seen on
   * PostgreSQL: the snapshot stuck versions behind its trail). Outbox ids derive from the event, so
   * notifying again after a crash adds nothing.
   */
  private async notify(def: AnyWorkflow, app: ApplicationDoc, events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const messages = await this.messagesFor(def, app, events);
    if (messages.length > 0) await this.store.outbox.enqueue(messages);
  }

  /** The outbox messages these events cause, each role expanded through the directory (one read). */
  private async messagesFor(
    def: AnyWorkflow,
    app: ApplicationDoc,
    events: AuditEvent[],
  ): Promise<OutboxMessage[]> {
    const notes = events.flatMap((event) =>
      (def.notifications(app, event) as Notification[]).map((n) => ({ event, n })),
    );
    const grants = notes.flatMap(({ n: { target: t } }) =>
      t.kind === 'role' ? t.roles.map((role) => ({ role, site: t.site })) : [],
    );
    const holders = grants.length > 0 ? await this.store.people.withAnyRole(grants) : [];
    const messages: OutboxMessage[] = [];
    for (const { event, n } of notes) {
      for (const target of expand(n, holders)) {
        const recipient = target.kind === 'person' ? target.aadObjectId : `${target.purpose}@${target.site}`;
        messages.push({
          _id: `${event._id}:${n.key}:${recipient}`,
          target,
          text: n.text,
          ...(n.cardRef ? { cardRef: n.cardRef } : {}),
          ...(n.threadKey ? { threadKey: n.threadKey } : {}),
          applicationId: app._id,
          requestedBy: event.actor.aadObjectId,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: event.at,
          createdAt: event.at,
        });
      }
    }
    return messages;
  }
}

/** A notification's recipients: its person or channel, or whoever holds one of its roles there. */
function expand(n: Notification, holders: Person[]): OutboxMessage['target'][] {
  const t = n.target;
  if (t.kind === 'person' || t.kind === 'channel') return [t];
  const ids = new Set(
    holders
      .filter((p) =>
        p.roles.some((g) => t.roles.includes(g.role) && (g.site === t.site || g.site === NATIONAL_SITE)),
      )
      .map((p) => p.aadObjectId),
  );
  return [...ids].map((aadObjectId) => ({ kind: 'person' as const, aadObjectId }));
}

/** The application with what other processes' records say about its people (never stored). */
export function withRelated(def: AnyWorkflow, doc: ApplicationDoc, records: ProcessRecords): ApplicationDoc {
  if (!def.reads) return doc;
  return { ...doc, related: { prohibitionOrders: records.prohibitionOrdersFor(def.reads.people(doc)) } };
}

/** Whether reading or bringing the stored snapshot and outbox up to date. */
type CatchUp = 'read' | 'repair';

/** The stored state was folded by another shape of the workflow's state: fold it again. */
function staleState(def: AnyWorkflow, doc: ApplicationDoc): boolean {
  return (doc.stateVersion ?? 0) !== (def.stateVersion ?? 0);
}

/** Event ids are the application id and the event's number: unique, and a point look-up away. */
export function eventId(applicationId: string, seq: number): string {
  return `${applicationId}#${seq}`;
}
