import { payloadOf } from '../../../services/workflow/guards';
import { stampOf } from '../../../services/workflow/stamp';
import type { AppliedEvent, EventLabels } from '../../../services/workflow/types';
import type { ExampleState, Outcome } from './model';

export const EV = { requested: 'x01.requested', decided: 'x01.decided' } as const;

export const EVENT_LABELS: EventLabels<typeof EV> = {
  'x01.requested': 'Request made',
  'x01.decided': 'Decision recorded',
};

export function evolve(s: ExampleState, e: AppliedEvent): ExampleState {
  switch (e.type) {
    case EV.requested:
      return { ...s, request: { what: payloadOf<{ what: string }>(e).what, by: stampOf(e) } };
    case EV.decided: {
      const { outcome, reasons } = payloadOf<{ outcome: Outcome; reasons: string }>(e);
      return { ...s, decision: { outcome, reasons, by: stampOf(e) } };
    }
    default:
      return s;
  }
}
