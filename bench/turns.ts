import { answers, decisionInput } from '../test/fixtures/f17';
import type { MongoStore } from '../services/store/mongo/mongoStore';
import type { ApplicationDoc, AuditEvent } from '../services/workflow/domain';
import { ApplicationFactory } from './world';
import type { Progress, World } from './world';

/**
 * Round-trip budgets per warm turn (issue 18, item 2), asserted by test/perf/roundTrips.test.ts
 * and printed by the bench: help <= 1, status and my tasks <= 3, section submit <= 6, decision <= 8
 * (outbox delivery excluded).
 */
export const TURN_BUDGETS = { help: 1, status: 3, myTasks: 3, sectionSubmit: 6, decision: 8 } as const;

/** A realistic directory and F.17 assessments written as the workflow writes them (bench/world.ts). */
export async function seedAssessments(
  store: MongoStore,
  world: World,
  wanted: Array<[Progress, number]>,
): Promise<Record<Progress, ApplicationDoc[]>> {
  const factory = new ApplicationFactory(world);
  const out = {} as Record<Progress, ApplicationDoc[]>;
  const built: Array<{ app: ApplicationDoc; events: AuditEvent[] }> = [];
  let n = 0;
  for (const [progress, count] of wanted) {
    out[progress] = [];
    for (let i = 0; i < count; i++, n++) {
      const b = factory.build(n, progress, 0, `PRN-${n}`, new Date(Date.parse('2026-11-20T00:00:00Z') + n));
      built.push(b);
      out[progress].push(b.app);
    }
  }
  await store.db.collection<ApplicationDoc>('applications').insertMany(built.map((b) => b.app));
  await store.db.collection<AuditEvent>('events').insertMany(built.flatMap((b) => b.events));
  return out;
}

export function sectionData(app: ApplicationDoc): Record<string, unknown> {
  return {
    card: 'f17.section',
    applicationId: app._id,
    command: 'f17.submitSection',
    args: { section: 'unit' },
    params: { section: 'unit' },
    ...answers.unit,
  };
}

export function decisionData(app: ApplicationDoc): Record<string, unknown> {
  return {
    card: 'f17.decision',
    applicationId: app._id,
    command: 'f17.decide',
    args: { outcome: 'approved' },
    ...decisionInput,
  };
}
