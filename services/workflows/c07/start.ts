import { hasAnyRole } from '../../directory/person';
import { ForbiddenError } from '../../errors';
import { startedFor } from '../../workflow/define';
import type { DecideContext, StartResult } from '../../workflow/types';
import { resolveCaseManager } from './caseManager';
import type { StartInput } from './commands';
import { EV } from './evolve';
import { toSchedule } from './fields';
import { notInPast } from './guards';
import { involvementScaleFor } from './involvement';
import { CASE_MANAGER_ROLES, huiTitle } from './model';
import type { SupportPerson } from './model';

/** Organising a hui: staff at the site, with the prisoner's case manager named and checked (C.07.02, C.07.05). */
export function start(input: StartInput, ctx: DecideContext): StartResult {
  const { actor, now } = ctx;
  const isCm = hasAnyRole(actor, CASE_MANAGER_ROLES, input.site);
  if (!isCm && !actor.roles.some((g) => g.site === input.site || g.site === '*')) {
    throw new ForbiddenError(`This is for corrections staff at ${input.site}.`, { site: input.site });
  }
  // C.07.02 and C.07.05: staff other than the case manager must bring the prisoner's case manager in.
  const caseManagerId = resolveCaseManager(input, actor);
  notInPast(input.schedule, now, 'date');
  let nextId = 1;
  const supportPeople: SupportPerson[] = input.supportPeople.map((p) => ({ id: `sp${nextId++}`, ...p }));
  const providers = input.providers.map((p) => ({ id: `pv${nextId++}`, ...p }));
  const victimParties = input.victimParties?.map((v) => ({ id: `vp${nextId++}`, ...v }));
  const payload = {
    prisonerId: input.prisonerId,
    prisonerName: input.prisonerName,
    site: input.site,
    organiserId: actor.aadObjectId,
    organiserName: actor.name,
    caseManagerId,
    huiKind: input.huiKind,
    purpose: input.purpose,
    objectives: input.objectives,
    ...(input.protectiveFactors ? { protectiveFactors: input.protectiveFactors } : {}),
    pillars: input.pillars,
    // C.07.02: the site's scale of pro-social involvement, kept with the hui (involvement.ts).
    involvementScale: involvementScaleFor(input.site),
    schedule: toSchedule(input.schedule),
    locationType: input.locationType,
    place: input.place,
    mode: input.mode,
    correctionsStaff: input.correctionsStaff,
    providers,
    supportPeople,
    ...(victimParties ? { victimParties } : {}),
    ...(input.agency ? { agency: input.agency } : {}),
    nextId,
  };
  return startedFor(input, huiTitle({ huiKind: input.huiKind, prisonerName: input.prisonerName }), {
    type: EV.started,
    payload,
  });
}
