import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Role } from '../directory/roles';
import { roleLabel } from '../directory/roles';
import { isDomainError } from '../errors';
import type { OutboxMessage, Store } from '../store/types';
import type { ApplicationDoc, Task } from '../workflow/domain';
import { formatNz } from '../time';
import type { WorkflowEngine } from '../workflow/engine';
import { SYSTEM_ACTOR } from '../workflow/system';
import { DigestSender } from './digest';
import { PeopleCache } from './peopleCache';
import type { DigestPreferences } from './preferences';
import type { DueDates } from './dueDates';
import { escalationFor } from './escalation';
import type { Step } from './steps';
import { stepDue, stepsFor } from './steps';

export interface SchedulerOptions {
  /** How often each process wakes: one lease write, and for the holder one query. */
  tickMs: number;
  /** Send the daily digest (each person can still opt out with `digest off`). */
  digest: boolean;
  /** Largest number of applications looked at per tick (logged when reached). */
  batch?: number;
}

const LEASE_NAME = 'scheduler';
/** Far enough ahead to see every step before a due date: reminders, and policy marks (7 days). */
const HORIZON_MS = 31 * 24 * 3600_000;

export interface TickResult {
  leader: boolean;
  applications: number;
  enqueued: number;
  timers: number;
}

/**
 * Acts on time: reminders before a task is due, the overdue notice, escalation to the manager,
 * policy deadlines escalated before they pass, timers (an order's expiry) and the daily digest.
 * It runs in every bot process; the one holding the `scheduler` lease acts. Exactly-once does not
 * rest on the lease (FerretDB's updates are not atomic): every message has an id derived from the
 * application, task, due date, step and recipient, and the outbox's unique id drops a second copy.
 */
export class Scheduler {
  readonly owner = `scheduler-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  /** Steps this process has already enqueued: saves repeating inserts the outbox would drop anyway. */
  private done = new Set<string>();
  private readonly digest: DigestSender;

  constructor(
    private readonly store: Store,
    private readonly engine: WorkflowEngine,
    private readonly dueDates: DueDates,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: SchedulerOptions,
    preferences: DigestPreferences,
  ) {
    this.digest = new DigestSender(dueDates, preferences, logger);
  }

  start(): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((e: unknown) => this.logger.error({ err: e }, 'scheduler tick failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.tickMs);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.store.leases.release(LEASE_NAME, this.owner).catch(() => undefined);
  }

  /** One pass: take the lease (or find another process has it), then act on whatever is due. */
  async tick(): Promise<TickResult> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.options.tickMs * 3);
    if (!(await this.store.leases.acquire(LEASE_NAME, this.owner, now, leaseUntil))) {
      this.done.clear();
      return { leader: false, applications: 0, enqueued: 0, timers: 0 };
    }
    const batch = this.options.batch ?? 2000;
    const apps = await this.store.applications.findOpenWithTaskDueBefore(
      new Date(now.getTime() + HORIZON_MS),
      batch,
    );
    if (apps.length === batch) this.logger.warn({ batch }, 'scheduler batch full: raise it or tick faster');
    let timers = 0;
    const messages: OutboxMessage[] = [];
    const seen = new Set<string>();
    const people = new PeopleCache(this.store, now);
    for (const app of apps) {
      for (const task of app.openTasks) {
        if (task.timer) {
          if (task.dueAt && task.dueAt.getTime() < now.getTime() && (await this.runTimer(app, task)))
            timers++;
          continue;
        }
        for (const step of stepsFor(task, app.site, this.dueDates.calendar, this.dueDates.settings)) {
          const key = `deadline:${app._id}:${task.key}:${task.dueAt?.getTime() ?? 0}:${step.name}`;
          if (!stepDue(step, now, this.dueDates.calendar, app.site)) continue;
          seen.add(key);
          if (this.done.has(key)) continue;
          messages.push(...(await this.messagesFor(key, app, task, step, now, people)));
        }
      }
    }
    if (this.options.digest) messages.push(...(await this.digest.due(apps, now, people, seen, this.done)));
    const enqueued = messages.length > 0 ? await this.store.outbox.enqueue(messages) : 0;
    // Only now, with the messages safely in the outbox, are their steps remembered as done.
    this.done = seen;
    if (enqueued > 0 || timers > 0)
      this.logger.info({ applications: apps.length, enqueued, timers }, 'scheduler acted');
    return { leader: true, applications: apps.length, enqueued, timers };
  }

  /** A timed transition (an order's expiry), recorded by Tautoko itself as an audit event. */
  private async runTimer(app: ApplicationDoc, task: Task): Promise<boolean> {
    try {
      const origin = { activityId: `timer:${app._id}:${task.key}`, correlationId: randomUUID() };
      const r = await this.engine.execute(app._id, { type: task.timer!.command }, SYSTEM_ACTOR, origin);
      return r.events.length > 0;
    } catch (e) {
      // Already recorded by another process, or no longer applies (reversed on review): nothing to do.
      if (isDomainError(e)) {
        this.logger.debug({ applicationId: app._id, task: task.key, kind: e.kind }, 'timer not applied');
        return false;
      }
      throw e;
    }
  }

  private async messagesFor(
    key: string,
    app: ApplicationDoc,
    task: Task,
    step: Step,
    now: Date,
    people: PeopleCache,
  ): Promise<OutboxMessage[]> {
    const due = formatNz(task.dueAt!);
    let recipients: string[];
    let text: string;
    let cardRef: OutboxMessage['cardRef'];
    if (step.audience === 'doers') {
      recipients = task.assignee ? [task.assignee] : await people.holding(task.roles, task.site);
      text = doerText(step, task, due);
      cardRef = { name: task.card ?? statusCard(app), applicationId: app._id, ...paramsOf(task) };
    } else {
      const roles =
        task.assignee && task.roles.length === 0 ? await people.rolesOf(task.assignee, app.site) : task.roles;
      let target = escalationFor(roles, task.site, this.dueDates.settings.nationalEscalationRole);
      recipients = await people.holding([target.role], target.site);
      if (recipients.length === 0) {
        // Nobody holds the manager role at the site: the configured role hears of it instead.
        target = escalationFor([], '*', this.dueDates.settings.nationalEscalationRole);
        recipients = await people.holding([target.role], target.site);
      }
      text = managerText(step, app, task, due, target.role);
      cardRef = { name: statusCard(app), applicationId: app._id };
    }
    if (recipients.length === 0)
      this.logger.warn({ applicationId: app._id, task: task.key, step: step.name }, 'nobody to tell');
    return recipients.map((aadObjectId) => ({
      _id: `${key}:${aadObjectId}`,
      target: { kind: 'person' as const, aadObjectId },
      text,
      cardRef,
      applicationId: app._id,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    }));
  }
}

function statusCard(app: ApplicationDoc): string {
  return `${app.kind.toLowerCase()}.status`;
}

function paramsOf(task: Task): { params?: Record<string, string | number | boolean> } {
  return task.params ? { params: task.params } : {};
}

function doerText(step: Step, task: Task, due: string): string {
  switch (step.kind) {
    case 'available':
      return `Now open: ${task.label}. Due ${due}.`;
    case 'reminder':
      return `Reminder: ${task.label} is due ${due}.`;
    default:
      return `Overdue: ${task.label} was due ${due}.`;
  }
}

function managerText(step: Step, app: ApplicationDoc, task: Task, due: string, role: Role): string {
  const as = `You are told as ${roleLabel(role)}${app.site === '*' ? '' : ` (${app.site})`}.`;
  if (step.kind === 'deadline-near')
    return `Deadline ${step.name.replace('left-', '')} days away: ${task.label} must be done by ${due} (a policy time limit). ${as}`;
  return `Escalated: ${task.label} was due ${due} and is still waiting. ${as}`;
}
