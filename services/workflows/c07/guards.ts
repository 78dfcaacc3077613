import type { Actor } from '../../directory/person';
import type { Role } from '../../directory/roles';
import { DomainError } from '../../errors';
import { invalid, requireRole, wrongStage } from '../../workflow/guards';
import { isHuiOrganiser } from './access';
import type { ScheduleInput } from './fields';
import {
  CASE_MANAGER_ROLES,
  STAGE_LABELS,
  huiStage,
  isRestorativeJustice,
  managerRoleFor,
  needsExternalCopy,
} from './model';
import type { HuiStage, HuiState, SupportPerson } from './model';

/**
 * C.07's own refusals, on the shared guards (services/workflow/guards.ts): who may act on a hui is
 * a role at the hui's site, and what may be done depends on the hui's stage.
 */

/** C.07.05: other staff may organise, but suitability and the manager's questions stay with the case manager. */
export function requireCaseManager(s: HuiState, actor: Actor): void {
  requireRole(actor, CASE_MANAGER_ROLES, s.site);
}

export function requireOrganiser(s: HuiState, actor: Actor): void {
  if (isHuiOrganiser(s, actor)) return;
  requireCaseManager(s, actor);
}

export function requireManager(s: HuiState, actor: Actor): Role {
  const role = managerRoleFor(s);
  requireRole(actor, [role], s.site);
  return role;
}

/** `what` is not possible at the hui's stage: the message names the stage. */
export function notAtStage(s: HuiState, what: string): never {
  wrongStage(`${what} is not possible now: this hui is ${STAGE_LABELS[huiStage(s)].toLowerCase()}.`);
}

export function requireOpen(s: HuiState, what: string): void {
  const stage = huiStage(s);
  if (stage === 'cancelled' || stage === 'completed') {
    throw new DomainError(
      'CLOSED',
      `${what} is not possible: this hui is ${STAGE_LABELS[stage].toLowerCase()}.`,
      {
        stage,
      },
    );
  }
}

/** Commands only some huis have, and what the others are told. */
const ONLY_FOR = {
  'restorative-justice': {
    fits: isRestorativeJustice,
    otherwise: 'Party consent is recorded only for a restorative justice conference.',
  },
  'external-entry-staff': {
    fits: needsExternalCopy,
    otherwise: 'Entry staff at this site get the notification in their Teams channel.',
  },
} as const;

/** Open, of the kind `what` is for (`only`), and at `stage`; each refusal names what stands in the way. */
export function requireStage(s: HuiState, stage: HuiStage, what: string, only?: keyof typeof ONLY_FOR): void {
  requireOpen(s, what);
  if (only && !ONLY_FOR[only].fits(s)) wrongStage(ONLY_FOR[only].otherwise);
  if (huiStage(s) !== stage) notAtStage(s, what);
}

/** Open and still being prepared: consents and suitability are recorded only then. */
export function requirePreparing(s: HuiState, what: string): void {
  requireStage(s, 'preparing', what);
}

export function person(s: HuiState, id: string): SupportPerson {
  const p = s.supportPeople.find((x) => x.id === id);
  if (!p) throw new DomainError('NOT_FOUND', 'That support person is not on this hui.', { personId: id });
  return p;
}

export function notInPast(schedule: ScheduleInput, now: Date, field: string): void {
  if (schedule.startsAt.getTime() < now.getTime()) invalid(field, 'The hui must start in the future.');
}

/** A change to time or attendees after sign-off voids the sign-off: the manager must sign again. */
export function reopens(s: HuiState): boolean {
  return huiStage(s) === 'signed-off';
}
