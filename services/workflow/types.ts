import type { z } from 'zod';
import type { Actor } from '../directory/person';
import type { Role } from '../directory/roles';
import type { CardRef, PeopleRepository } from '../store/types';
import type { ApplicationDoc, AuditEvent, Task, WorkflowKind } from '../workflow/domain';
import type { PersonIdentity, ProcessRecords, ProhibitionRecord, RestrictionRecord } from './records';

/** An event a workflow decides on, before the engine stamps it with seq, actor, time and hashes. */
export interface NewEvent {
  type: string;
  payload: Record<string, unknown>;
}

/** Recorded facts as the workflow's `evolve` sees them. */
export type AppliedEvent = Pick<AuditEvent, 'type' | 'payload' | 'actor' | 'at' | 'seq'>;

export type NotificationTarget =
  | { kind: 'person'; aadObjectId: string }
  | { kind: 'role'; roles: Role[]; site: string }
  | { kind: 'channel'; purpose: string; site: string };

export interface Notification {
  /** Unique among the notifications of one event; with the event id it makes the outbox dedupe key. */
  key: string;
  target: NotificationTarget;
  text: string;
  cardRef?: CardRef;
  threadKey?: string;
}

export interface ApplicationHeader {
  site: string;
  prisonerId: string;
  prisonerName: string;
  title: string;
  dedupeKey?: string;
}

export interface StartResult {
  header: ApplicationHeader;
  events: NewEvent[];
}

export interface DecideContext {
  actor: Actor;
  now: Date;
  /** Other processes' records, read through the engine (see ./records). */
  records: ProcessRecords;
}

/**
 * A process, as data plus pure functions: `decide(app, command, ctx) -> events | DomainError`,
 * `evolve(state, event) -> state`. The engine does all the I/O.
 */
export interface WorkflowDefinition<
  S,
  C extends { type: string },
  I = unknown,
  K extends WorkflowKind = WorkflowKind,
> {
  kind: K;
  /** Human-readable id prefix, e.g. MIX for MIX-2026-00042. */
  idPrefix: string;
  label: string;
  /**
   * The shape of `S`. Raise it when the state's shape changes: a stored snapshot of another
   * version is rebuilt from its audit trail (`initialState` + `evolve` over every event) when it is
   * read, and stored rebuilt with the next change or repair. Absent means 0.
   */
  stateVersion?: number;
  /** What each event type is called on a timeline ("Decision recorded"); see `eventLabel`. */
  eventLabels: Readonly<Record<string, string>>;
  commandSchema: z.ZodType<C, z.ZodTypeDef, unknown>;
  startSchema: z.ZodType<I, z.ZodTypeDef, unknown>;
  /** Checks who may start one and produces its opening events. Throws DomainError. */
  start(input: I, ctx: DecideContext): StartResult;
  initialState(): S;
  evolve(state: S, event: AppliedEvent): S;
  /** Throws DomainError when the command is not allowed; [] means nothing changes. */
  decide(app: ApplicationDoc<S>, command: C, ctx: DecideContext): NewEvent[];
  stage(state: S): string;
  closed(state: S): boolean;
  tasks(app: Omit<ApplicationDoc<S>, 'openTasks' | 'taskKeys'>): Task[];
  participants(state: S): string[];
  notifications(app: ApplicationDoc<S>, event: AuditEvent): Notification[];
  /** Records this process publishes for other processes to read. */
  publishes?: {
    /** The order as it stands, when it is in force at `now`. */
    prohibitionOrder?(app: ApplicationDoc<S>, now: Date): ProhibitionRecord | undefined;
    /** Contact restrictions the application records between its prisoner and a person. */
    restrictions?(app: ApplicationDoc<S>): RestrictionRecord[];
  };
  /**
   * The people on an application whom other processes' records may concern. The engine loads
   * those records for this process's start and decisions, and the matches into `app.related`.
   */
  reads?: { people(app: ApplicationDoc<S>): PersonIdentity[] };
  /** Commands this process adds to chat (its start command included), listed in `help`. */
  chatCommands: ChatCommandSpec[];
  /** Fields only the server fills in, from the directory, whatever a card sent (./serverFields). */
  serverFields?: ServerFields<S>;
  /**
   * Settings the process reads from the environment at start-up, by variable name (each documented
   * in .env.example); see ./settings.
   */
  settings?: Readonly<Record<string, ProcessSetting>>;
}

/** One environment variable of a process. */
export interface ProcessSetting<T = unknown> {
  /** Reads the variable's text ('' when unset); throws an Error saying what is wrong with it. */
  parse(text: string): T;
  /** Puts the value in force, once, at start-up. */
  apply(value: T): void;
}

/** What the directory says, as a process's server-filled fields read it. */
export type PeopleReader = Pick<PeopleRepository, 'get' | 'withRole'>;

/**
 * Fields of a start form or a command that the server fills in from the directory and that
 * override whatever a card sent: who the advisory panel's core members are when it is convened, the
 * name of a person chosen from a list. Applied in one place (./serverFields) before the schema reads
 * the input. A supplier may throw ValidationError to refuse a choice beside its field.
 */
export interface ServerFields<S = unknown> {
  start?(
    input: Record<string, unknown>,
    people: PeopleReader,
    actor: Actor,
  ): Promise<Record<string, unknown>>;
  /** By command type (`v01.convenePanel`): from the application, the card's input and who sent it. */
  commands?: Readonly<
    Record<
      string,
      (
        app: ApplicationDoc<S>,
        people: PeopleReader,
        input: Record<string, unknown>,
        actor: Actor,
      ) => Promise<Record<string, unknown>>
    >
  >;
}

/** What a line typed in chat asks for; the bot layer carries it out. */
export type ChatIntent =
  | { kind: 'start'; workflow: WorkflowKind }
  | { kind: 'card'; card: string; applicationId: string; params?: Record<string, string | number | boolean> };

export interface ChatCommandSpec {
  /** As shown in help, e.g. "withdraw consent <id>". */
  usage: string;
  description: string;
  /** Returns the intent when `text` (trimmed, original case) is this command; null otherwise. */
  match(text: string): ChatIntent | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyWorkflow = WorkflowDefinition<any, any, any, WorkflowKind>;

/** An event types table (`{ decided: 'f17.decided' }`) with a label for every type, so none is missed. */
export type EventLabels<EV extends Record<string, string>> = Readonly<Record<EV[keyof EV], string>>;

/** What an event is called on a timeline; its type when the process gives it no label. */
export function eventLabel(def: Pick<AnyWorkflow, 'eventLabels'>, type: string): string {
  return def.eventLabels[type] ?? type;
}
