import type { ApplicationDoc, AuditEvent } from '../../workflow/domain';
import type { Notification } from '../../workflow/types';
import { EV } from './evolve';
import { expiryNotification } from './expiry';
import { CHIEF_INSPECTOR } from './model';
import type { V01PState } from './model';

/** Who is told what when an order is signed, reviewed or lapses. */
export function notifications(app: ApplicationDoc<V01PState>, event: AuditEvent): Notification[] {
  const creator = { kind: 'person' as const, aadObjectId: app.createdBy };
  const ref = (name: string) => ({ name, applicationId: app._id });
  switch (event.type) {
    case EV.issued:
      return [
        {
          key: 'notices',
          target: creator,
          text: `${app._id}: signed. Give the order to the visitor and copies to the prisoners named in it.`,
          cardRef: ref('v01p.order'),
        },
      ];
    case EV.reviewRequested:
      return [
        {
          key: 'review',
          target: { kind: 'role', roles: [...CHIEF_INSPECTOR], site: '*' },
          text: `${app._id}: a review of a visitor prohibition order has been requested.`,
          cardRef: ref('v01p.review'),
        },
      ];
    case EV.expired:
      return [
        expiryNotification(
          app,
          app.state.order?.visitor.name ?? 'the visitor',
          String(event.payload.expiresOn),
        ),
      ];
    case EV.reviewDecided:
      return [
        {
          key: 'notices',
          target: creator,
          text: `${app._id}: the Chief Inspector’s review result is recorded. Advise the visitor and the prisoners in writing.`,
          cardRef: ref('v01p.order'),
        },
      ];
    default:
      return [];
  }
}
