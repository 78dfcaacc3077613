import type { Logger } from 'pino';
import type { Actor } from '../directory/person';
import { decideUnderCover } from '../directory/delegation';
import { GENESIS_HASH } from '../audit/hashChain';
import type { Clock } from '../clock';
import { DomainError, UnavailableError, ValidationError } from '../errors';
import { nzYear } from '../time';
import { DueDates } from '../scheduler/dueDates';
import { DuplicateError } from '../store/types';
import type { Store } from '../store/types';
import type { ApplicationDoc, AuditEvent, WorkflowKind } from '../workflow/domain';
import { zodFieldErrors } from '../validation';
import { messagesFor } from './messages';
import type { CoverSource } from './messages';
import { eventId, project, rebuild, staleState, stampEvents } from './projection';
import { loadRecords, withRelated } from './recordsLoad';
import type { Origin } from './projection';
import type { ProcessRecords } from './records';
import type { AnyWorkflow, NewEvent } from './types';

export { eventId } from './projection';
export { withRelated } from './recordsLoad';
export type { Origin } from './projection';

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
    /** Acting cover in force, so a message for a role reaches its delegates too (none if absent). */
    private readonly cover?: CoverSource,
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
    const started = decideUnderCover({ actor, now, records }, undefined, (c) => def.start(parsed.data, c));
    const { header, events } = started.result;
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
    const stamped = stampEvents(base, events, started.actor, now, origin);
    await this.store.events.append(stamped);
    const projected = project(def, base, stamped, this.dueDates);
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
    return withRelated(def, doc, await this.recordsFor(def, this.clock.now(), doc.prisonerId));
  }

  /** The read interface over other processes' records, for a process that reads them (./recordsLoad). */
  async recordsFor(def: AnyWorkflow, now: Date, prisonerId?: string): Promise<ProcessRecords> {
    return loadRecords(this.store.applications, [...this.byKind.values()], def, now, prisonerId);
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
    const base = stale ? rebuild(def, doc, events, this.dueDates) : doc;
    const missing = events.filter((e) => e.seq > doc.version);
    if (!stale && missing.length === 0 && (mode === 'read' || doc.notifiedThrough >= doc.version)) return doc;
    const current = missing.length > 0 ? project(def, base, missing, this.dueDates) : base;
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

  /**
   * An application and its whole audit trail (`status`), as `load` reads it, from the one read of
   * the trail: two requests where load-then-history takes three, sent together (the trail is read
   * by the id, so it need not wait for the snapshot; an unknown id costs one empty read). Never writes.
   */
  async loadWithHistory(id: string): Promise<{ app: ApplicationDoc; history: AuditEvent[] } | null> {
    const [doc, trail] = await Promise.all([this.store.applications.get(id), this.store.events.list(id)]);
    if (!doc) return null;
    // A change that landed between the two reads: the snapshot is newer than the trail read.
    const history = (trail.at(-1)?.seq ?? 0) < doc.version ? await this.store.events.list(id) : trail;
    const def = this.workflow(doc.kind);
    const app = await this.catchUp(def, doc, history, 'read');
    return {
      app: withRelated(def, app, await this.recordsFor(def, this.clock.now(), app.prisonerId)),
      history,
    };
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
      const records = await this.recordsFor(def, now, current.prisonerId);
      const app = withRelated(def, current, records);
      let decided: { result: NewEvent[]; actor: Actor };
      try {
        decided = decideUnderCover({ actor, now, records }, app.site, (c) => def.decide(app, parsed.data, c));
      } catch (e) {
        if (unchecked && e instanceof DomainError) continue;
        throw e;
      }
      const { result: newEvents, actor: as } = decided;
      if (newEvents.length === 0 && unchecked) continue;
      if (newEvents.length === 0) return { app, events: [] };
      const stamped = stampEvents(app, newEvents, as, now, origin);
      const projected = project(def, app, stamped, this.dueDates);
      const next = { ...projected, notifiedThrough: projected.version };
      // Who is to be told is read from the directory while the events are appended (one round
      // trip instead of two); used only once the append is in.
      const messages = messagesFor(
        this.store.people,
        def,
        withRelated(def, next, records),
        stamped,
        this.cover,
      );
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
      const base = stale ? rebuild(def, doc, events, this.dueDates) : doc;
      const projected = project(def, base, missing, this.dueDates);
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
    const messages = await messagesFor(this.store.people, def, app, events, this.cover);
    if (messages.length > 0) await this.store.outbox.enqueue(messages);
  }
}

/** Whether reading or bringing the stored snapshot and outbox up to date. */
type CatchUp = 'read' | 'repair';
