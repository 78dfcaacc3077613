import { canSeeApplication } from './access';
import type { Actor } from './directory/person';
import { hasAnyRole } from './directory/person';
import { NATIONAL_SITE } from './directory/roles';
import type { Store } from './store/types';
import type { ApplicationDoc, AuditEvent, Task } from './workflow/domain';
import type { WorkflowEngine } from './workflow/engine';

export interface TaskForActor {
  app: ApplicationDoc;
  task: Task;
}

/** Read paths behind `status`, `my tasks` and `applications for`; each answers only what the asker may see. */
export class ApplicationQueries {
  constructor(
    private readonly store: Store,
    private readonly engine: WorkflowEngine,
  ) {}

  /** The application, or null both when it does not exist and when the actor may not see it. */
  async visible(id: string, actor: Actor): Promise<ApplicationDoc | null> {
    const app = await this.engine.load(normaliseId(id));
    return app && canSeeApplication(app, actor) ? app : null;
  }

  /**
   * The stored snapshot, for a command about to run against it (`engine.execute` checks it against
   * the audit trail as it writes): one read instead of two. A refusal is confirmed on the
   * up-to-date application, in case the snapshot is behind.
   */
  async visibleSnapshot(
    id: string,
    actor: Actor,
    stored?: Promise<ApplicationDoc | null>,
  ): Promise<ApplicationDoc | null> {
    const app = await (stored ?? this.stored(id));
    if (app && canSeeApplication(app, actor)) return app;
    return app ? this.visible(id, actor) : null;
  }

  /**
   * `loaded`: `withHistory(id)` started before the actor was known (the two reads are
   * independent), so the turn waits for one round trip instead of two.
   */
  async visibleWithHistory(
    id: string,
    actor: Actor,
    loaded?: Promise<{ app: ApplicationDoc; history: AuditEvent[] } | null>,
  ): Promise<{ app: ApplicationDoc; history: AuditEvent[] } | null> {
    const found = await (loaded ?? this.withHistory(id));
    return found && canSeeApplication(found.app, actor) ? found : null;
  }

  /** The stored snapshot, not yet checked against anyone: pair with `visibleSnapshot`. */
  stored(id: string): Promise<ApplicationDoc | null> {
    return this.store.applications.get(normaliseId(id));
  }

  /** An application and its trail, not yet checked against anyone: pair with `visibleWithHistory`. */
  withHistory(id: string): Promise<{ app: ApplicationDoc; history: AuditEvent[] } | null> {
    return this.engine.loadWithHistory(normaliseId(id));
  }

  async myTasks(actor: Actor, now: Date, limit = 50): Promise<TaskForActor[]> {
    const keys = [`person:${actor.aadObjectId}`, ...actor.roles.map((g) => `role:${g.site}:${g.role}`)];
    const apps = await this.store.applications.findByTaskKeys(keys, limit);
    const rows: TaskForActor[] = [];
    for (const app of apps) {
      for (const task of app.openTasks) {
        if (task.availableFrom && task.availableFrom.getTime() > now.getTime()) continue;
        const mine =
          task.assignee !== undefined
            ? task.assignee === actor.aadObjectId
            : hasAnyRole(actor, task.roles, task.site) ||
              (task.site === NATIONAL_SITE &&
                actor.roles.some((g) => g.site === NATIONAL_SITE && task.roles.includes(g.role)));
        if (mine) rows.push({ app, task });
      }
    }
    return rows.sort((a, b) => (a.task.dueAt?.getTime() ?? Infinity) - (b.task.dueAt?.getTime() ?? Infinity));
  }

  async forPrisoner(prisonerId: string, actor: Actor, limit = 50): Promise<ApplicationDoc[]> {
    const apps = await this.store.applications.findByPrisoner(prisonerId.trim(), limit);
    return apps.filter((a) => canSeeApplication(a, actor));
  }
}

/** Ids are shown upper case (MIX-2026-00042); people type them any way. */
export function normaliseId(id: string): string {
  return id.trim().toUpperCase();
}
