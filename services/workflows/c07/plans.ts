import { ValidationError } from '../../errors';
import type { HuiState } from './model';

/**
 * C.07: a support planning meeting "creates a support network and a safety plan"; both are
 * recorded with its outcome and required for that kind (optional for the others).
 */
export function outcomePlans(
  s: Pick<HuiState, 'huiKind'>,
  c: { supportNetwork?: string; safetyPlan?: string },
): { supportNetwork?: string; safetyPlan?: string } {
  if (s.huiKind === 'support-planning') {
    const missing = [
      ...(c.supportNetwork
        ? []
        : [{ field: 'supportNetwork', message: 'Record the support network the meeting created.' }]),
      ...(c.safetyPlan
        ? []
        : [{ field: 'safetyPlan', message: 'Record the safety plan the meeting created.' }]),
    ];
    if (missing.length) throw new ValidationError(missing);
  }
  return {
    ...(c.supportNetwork ? { supportNetwork: c.supportNetwork } : {}),
    ...(c.safetyPlan ? { safetyPlan: c.safetyPlan } : {}),
  };
}
