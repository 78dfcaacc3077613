import type { ApplicationDoc, Task } from '../../../services/workflow/domain';
import { DECIDERS } from './model';
import type { ExampleState } from './model';

/** The decision, until it is made. */
export function tasks(app: Omit<ApplicationDoc<ExampleState>, 'openTasks' | 'taskKeys'>): Task[] {
  if (app.state.decision) return [];
  return [
    {
      key: 'x01.decide',
      label: `Decide: ${app.title}`,
      roles: [...DECIDERS],
      site: app.site,
      term: 'decision',
      card: 'x01.status',
    },
  ];
}
