import type { Actor } from '../../directory/person';
import { roleListLabel } from '../../directory/roles';
import type { Role } from '../../directory/roles';
import { AlreadyDoneError, DomainError, ForbiddenError, ValidationError } from '../../errors';
import { isHuiCaseManager, isHuiManager, isHuiOrganiser } from './access';
import type { ScheduleInput } from './fields';
import { CASE_MANAGER_ROLES, STAGE_LABELS, huiStage, managerRoleFor } from './model';
import type { HuiState, Stamp, SupportPerson } from './model';

/** C.07.05: other staff may organise, but suitability and the manager's questions stay with the case manager. */
export function requireCaseManager(s: HuiState, actor: Actor): void {
  if (!isHuiCaseManager(s, actor))
    throw new ForbiddenError(`This is for ${roleListLabel(CASE_MANAGER_ROLES)} at ${s.site}.`, {
      roles: [...CASE_MANAGER_ROLES],
      site: s.site,
    });
}

export function requireOrganiser(s: HuiState, actor: Actor): void {
  if (isHuiOrganiser(s, actor)) return;
  requireCaseManager(s, actor);
}

export function requireManager(s: HuiState, actor: Actor): Role {
  const role = managerRoleFor(s);
  if (!isHuiManager(s, actor))
    throw new ForbiddenError(`This is for ${roleListLabel([role])} at ${s.site}.`, {
      roles: [role],
      site: s.site,
    });
  return role;
}

export function wrongStage(s: HuiState, what: string): never {
  const stage = huiStage(s);
  throw new DomainError(
    'WRONG_STAGE',
    `${what} is not possible now: this hui is ${STAGE_LABELS[stage].toLowerCase()}.`,
    {
      stage,
    },
  );
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

/** Open and still being prepared: consents and suitability are recorded only then. */
export function requirePreparing(s: HuiState, what: string): void {
  requireOpen(s, what);
  if (huiStage(s) !== 'preparing') wrongStage(s, what);
}

/** A one-time thing already done: the message names who did it, the details carry who and when. */
export function already(message: string, done: Pick<Stamp, 'byName' | 'at'>): AlreadyDoneError {
  return new AlreadyDoneError(message, { name: done.byName, at: new Date(done.at) });
}

export function person(s: HuiState, id: string): SupportPerson {
  const p = s.supportPeople.find((x) => x.id === id);
  if (!p) throw new DomainError('NOT_FOUND', 'That support person is not on this hui.', { personId: id });
  return p;
}

export function notInPast(schedule: ScheduleInput, now: Date, field: string): void {
  if (schedule.startsAt.getTime() < now.getTime()) {
    throw new ValidationError([{ field, message: 'The hui must start in the future.' }]);
  }
}

/** A change to time or attendees after sign-off voids the sign-off: the manager must sign again. */
export function reopens(s: HuiState): boolean {
  return huiStage(s) === 'signed-off';
}
