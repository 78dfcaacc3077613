import type { ApplicationDoc, AuditEvent } from '../../../services/workflow/domain';
import type { Notification } from '../../../services/workflow/types';
import { EV } from './evolve';
import { DECIDERS } from './model';
import type { ExampleState } from './model';

/** The decider is asked; the requester is told the outcome. */
export function notifications(app: ApplicationDoc<ExampleState>, event: AuditEvent): Notification[] {
  const cardRef = { name: 'x01.status', applicationId: app._id };
  switch (event.type) {
    case EV.requested:
      return [
        {
          key: 'decide',
          target: { kind: 'role', roles: [...DECIDERS], site: app.site },
          text: `${app._id}: a request waits for your decision.`,
          cardRef,
        },
      ];
    case EV.decided:
      return [
        {
          key: 'outcome',
          target: { kind: 'person', aadObjectId: app.createdBy },
          text: `${app._id}: ${app.state.decision?.outcome === 'approve' ? 'approved' : 'declined'}.`,
          cardRef,
        },
      ];
    default:
      return [];
  }
}
