import { Writable } from 'node:stream';
import { workflows as allWorkflows } from '../../cards/processes';
import { FixedClock } from '../../services/clock';
import type { Actor, Person } from '../../services/directory/person';
import { actorFromPerson } from '../../services/directory/person';
import { createLogger } from '../../services/logger';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { OutboxMessage, Store } from '../../services/store/types';
import type { ApplicationDoc } from '../../services/workflow/domain';
import { WorkflowEngine } from '../../services/workflow/engine';
import type { ExecuteResult, Origin } from '../../services/workflow/engine';
import type { AnyWorkflow } from '../../services/workflow/types';
import { directoryEntry, startInputs, starters } from './factories';
import type { ProcessKind, StartOverrides } from './factories';

/**
 * The one test driver every process's engine tests use: a real WorkflowEngine over a store (the
 * memory store unless a test passes a MongoDB one), a clock the test moves, and a directory of
 * people. `start(kind, overrides)` starts a process from its factory's start input;
 * `act(id, command, as)` runs one command as a person (an actor, or an id looked up in the
 * directory as the bot layer does). `drain` and `deliver` empty the outbox as the bot would.
 */

export interface DriverOptions {
  store?: Store;
  /** The clock's first reading. */
  now?: Date;
  /** The directory: fixture actors (given an email) or people. */
  people?: ReadonlyArray<Actor | Person>;
  /** The processes the engine runs (all of them unless given). */
  workflows?: AnyWorkflow[];
  /** How far the clock moves before each `act`, in milliseconds (0 unless given). */
  step?: number;
}

/** A message as the bot layer delivers it: a new post, or an edit of its thread's first message. */
export interface Delivery {
  message: OutboxMessage;
  action: 'post' | 'update';
  postedActivityId: string;
}

const FAR_FUTURE = new Date('2099-01-01T00:00:00Z');
const silent = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
let activities = 0;

export class Driver {
  private constructor(
    readonly store: Store,
    readonly clock: FixedClock,
    readonly engine: WorkflowEngine,
    private readonly step: number,
  ) {}

  static async open(options: DriverOptions = {}): Promise<Driver> {
    const store = options.store ?? createMemoryStore();
    for (const p of options.people ?? []) await store.people.upsert(directoryEntry(p));
    const clock = new FixedClock(options.now ?? new Date('2026-03-02T22:00:00Z'));
    const engine = new WorkflowEngine(store, options.workflows ?? allWorkflows, clock, silent);
    return new Driver(store, clock, engine, options.step ?? 0);
  }

  /** A fresh Teams activity for each click, as the bot layer passes it. */
  origin(): Origin {
    activities += 1;
    return { activityId: `act-${activities}`, correlationId: `corr-${activities}` };
  }

  /** The person with this id as the bot layer resolves them: from the directory. */
  async actor(as: Actor | string): Promise<Actor> {
    if (typeof as !== 'string') return as;
    const found = await this.store.people.get(as);
    if (!found) throw new Error(`${as} is not in the test directory`);
    return actorFromPerson(found);
  }

  /** Starts `kind` from its factory's start input with `overrides`, as `as` (its usual starter unless given). */
  async start<S = unknown>(
    kind: ProcessKind,
    overrides: StartOverrides = {},
    as: Actor | string = starters[kind].actor,
  ): Promise<ApplicationDoc<S>> {
    const input = startInputs[kind](overrides);
    return (await this.engine.start(kind, input, await this.actor(as), this.origin())) as ApplicationDoc<S>;
  }

  /** Runs one command on application `id` as `as`, the clock first moved on by the driver's step. */
  async act(id: string, command: Record<string, unknown>, as: Actor | string): Promise<ExecuteResult> {
    const actor = await this.actor(as);
    if (this.step) this.clock.advance(this.step);
    return this.engine.execute(id, command, actor, this.origin());
  }

  /** Claims every message due by `at` (any time soon, unless given), as the outbox worker would. */
  async drain(at: Date = FAR_FUTURE): Promise<OutboxMessage[]> {
    const out: OutboxMessage[] = [];
    const leaseUntil = new Date(at.getTime() + 60_000);
    for (let i = 0; i < 1000; i++) {
      const m = await this.store.outbox.claimNext('test', at, leaseUntil);
      if (!m) return out;
      await this.store.outbox.markSent(m._id, 'test', at, undefined);
      out.push(m);
    }
    throw new Error('the outbox never ran dry');
  }

  /**
   * Delivers what is due now the way the bot layer does (a message with a threadKey updates the
   * first delivered message of its thread), recording posts and updates instead of calling Teams.
   */
  async deliver(): Promise<Delivery[]> {
    const now = this.clock.now();
    const outbox = this.store.outbox;
    const out: Delivery[] = [];
    for (;;) {
      const m = await outbox.claimNext('test-deliverer', now, new Date(now.getTime() + 60_000));
      if (!m) return out;
      let action: Delivery['action'] = 'post';
      let postedActivityId = `teams-${m._id}`;
      const thread = m.threadKey ? await outbox.threadActivity(m.threadKey) : null;
      if (thread) {
        action = 'update';
        postedActivityId = thread.activityId;
      } else if (m.threadKey) {
        await outbox.saveThreadActivity(m.threadKey, m.target, postedActivityId);
      }
      await outbox.markSent(m._id, 'test-deliverer', now, postedActivityId);
      out.push({ message: m, action, postedActivityId });
    }
  }
}
