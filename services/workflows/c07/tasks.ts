import type { Task } from '../../workflow/domain';
import { huiStage, managerRoleFor, needsExternalCopy, outstanding } from './model';
import type { HuiApp } from './model';

type Draft = Omit<HuiApp, 'openTasks' | 'taskKeys'>;

/** The case manager's own task of one kind, on this hui. */
function forCaseManager(app: Draft, task: Omit<Task, 'roles' | 'site' | 'assignee'>): Task {
  return { ...task, roles: [], site: app.site, assignee: app.state.caseManagerId };
}

export function tasks(app: Draft): Task[] {
  const s = app.state;
  const stage = huiStage(s);
  const out: Task[] = [];
  if (stage === 'preparing') {
    const ready = outstanding(s).length === 0;
    out.push(
      forCaseManager(app, {
        key: 'c07:prepare',
        label: ready
          ? `Send ${app._id} to the manager for sign-off`
          : `Record consents and suitability for ${app._id}`,
        card: 'c07.consent',
      }),
    );
  }
  if (stage === 'awaiting-sign-off') {
    out.push({
      key: 'c07:sign-off',
      label: `Sign off ${app._id}: ${app.title}`,
      roles: [managerRoleFor(s)],
      site: app.site,
      card: 'c07.notification',
      term: 'decision',
    });
  }
  for (const q of s.questions) {
    if (!q.answered && stage !== 'cancelled' && stage !== 'completed') {
      out.push(
        forCaseManager(app, {
          key: `c07:question:${q.id}`,
          label: `Answer the manager's question on ${app._id}`,
          card: 'c07.question',
          params: { questionId: q.id },
        }),
      );
    }
  }
  if (stage === 'signed-off' && needsExternalCopy(s) && !s.externalCopies.some((c) => c.round === s.round)) {
    out.push(
      forCaseManager(app, {
        key: 'c07:external-copy',
        label: `Give the signed-off notification of ${app._id} to the entry staff at ${s.place}`,
        card: 'c07.status',
        term: 'followUp',
      }),
    );
  }
  if (stage === 'signed-off' && s.schedule) {
    out.push(
      forCaseManager(app, {
        key: 'c07:outcome',
        label: `Record the outcome actions of ${app._id}`,
        availableFrom: new Date(s.schedule.endsAt),
        card: 'c07.outcome',
        term: 'followUp',
      }),
    );
  }
  return out;
}
