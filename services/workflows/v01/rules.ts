import { formatNz, nzDateOf } from '../../time';
import { invalid, wrongStage } from '../../workflow/guards';
import { restrictionBlock } from './model';
import type { Nomination, V01State } from './model';
import { STAGE_LABELS, v01Stage } from './stage';

/** Guards the V.01 application's decisions share. */

export function notFuture(field: string, date: string, now: Date): void {
  if (date > nzDateOf(now)) invalid(field, 'This date is in the future');
}

export function nominationOf(s: V01State): Nomination {
  if (!s.nomination) throw wrongStage('This application has no nomination recorded.');
  return s.nomination;
}

export function requireOpen(s: V01State): void {
  if (s.withdrawn)
    wrongStage(`This application was closed by ${s.withdrawn.by} on ${formatNz(new Date(s.withdrawn.at))}.`);
}

export function requireUndecided(s: V01State): void {
  requireOpen(s);
  if (s.decision)
    wrongStage(`This application was decided by ${s.decision.by} on ${formatNz(new Date(s.decision.at))}.`);
}

/** The contact-restriction rule (V.01.01.4): nothing goes out and nothing is decided while it blocks. */
export function requireNotBlocked(s: V01State): void {
  const block = restrictionBlock(s);
  if (block === 'non-contact') {
    wrongStage(
      'A non-contact condition applies: no forms can be sent and no visit is possible unless a court exemption is recorded.',
    );
  }
  if (block === 'awaiting-protected-person') {
    wrongStage(
      'A protection or restraining order applies: the protected person must contact the prison themselves before anything else happens.',
    );
  }
}

export function requireStage(s: V01State, allowed: readonly string[]): void {
  const stage = v01Stage(s);
  if (!allowed.includes(stage))
    wrongStage(`Not at this step: the application is at "${STAGE_LABELS[stage]}".`);
}
