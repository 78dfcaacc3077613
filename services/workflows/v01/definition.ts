import { DESIGNATED_STAFF, isMinorOn } from '../../policy/v01';
import { nzDateOf } from '../../time';
import { invalid, requireRole } from '../../workflow/guards';
import { defineWorkflow, startedFor } from '../../workflow/define';
import type { DecideContext, StartResult, WorkflowDefinition } from '../../workflow/types';
import * as chat from './chat';
import * as commands from './commands';
import type { V01Command, V01StartInput } from './commands';
import * as decide from './decide';
import * as evolve from './evolve';
import { EV } from './evolve';
import * as model from './model';
import type { Nomination, V01State } from './model';
import * as notifications from './notifications';
import { findingsFrom, publishedRestrictions, visitorIdentity } from './prohibitionCheck';
import { serverFields } from './serverFields';
import { isClosed, v01Stage } from './stage';
import * as tasks from './tasks';

/** V.01.01–02: designated staff record the prisoner's nomination; a child is always a private child visitor. */
function start(input: V01StartInput, ctx: DecideContext): StartResult {
  requireRole(ctx.actor, DESIGNATED_STAFF, input.site);
  const today = nzDateOf(ctx.now);
  if (input.visitorDob > today) invalid('visitorDob', 'The date of birth is in the future');
  const minor = isMinorOn(input.visitorDob, today);
  // A child is always a private child visitor, so the child-protection routing cannot be sidestepped by type.
  if (minor && input.visitorType !== 'private-child') {
    invalid(
      'visitorType',
      `The visitor is under 18 today (${today}): choose "Private visitor (child under 18)"`,
    );
  }
  if (!minor && input.visitorType === 'private-child')
    invalid('visitorDob', 'The visitor is 18 or over today: choose an adult visitor type');
  if (input.prohibitedUntil && input.prohibitedUntil < today)
    invalid('prohibitedUntil', 'That prohibition has already expired');
  const nomination: Nomination = {
    cppAlert: input.cppAlert,
    visitorType: input.visitorType,
    visitor: {
      name: input.visitorName,
      dateOfBirth: input.visitorDob,
      minor,
      address: input.visitorAddress,
      ...(input.visitorId ? { visitorId: input.visitorId } : {}),
      ...(input.visitorGender ? { gender: input.visitorGender } : {}),
      ...(input.visitorRelationship ? { relationship: input.visitorRelationship } : {}),
    },
    orangaTamarikiCare: input.orangaTamarikiCare,
    restriction: input.restriction,
    ...(input.restrictionDetails ? { restrictionDetails: input.restrictionDetails } : {}),
  };
  if (input.visitorType === 'private-child' && !input.orangaTamarikiCare && input.consenterKind) {
    nomination.consenter = {
      kind: input.consenterKind,
      name: input.consenterName ?? '',
      relationship: input.consenterRelationship ?? '',
      address: input.consenterAddress ?? '',
      ...(input.consenterKind === 'other' && input.consenterReason ? { reason: input.consenterReason } : {}),
    };
  }
  if (input.prohibitedElsewhere && input.prohibitedSite) {
    nomination.prohibitedElsewhere = {
      site: input.prohibitedSite,
      source: 'staff',
      ...(input.prohibitedUntil ? { until: input.prohibitedUntil } : {}),
      ...(input.prohibitedDetails ? { details: input.prohibitedDetails } : {}),
    };
  }
  const found = findingsFrom(ctx.records.prohibitionOrdersFor(visitorIdentity({ nomination })), input);
  if (found.length) nomination.ordersAtStart = found;
  return startedFor(
    input,
    `Visitor application: ${input.visitorName} to visit ${input.prisonerName}`,
    { type: EV.started, payload: { nomination } },
    `${input.prisonerId.toUpperCase()}|${input.visitorName.toLowerCase().replace(/\s+/g, ' ')}|${input.visitorDob}`,
  );
}

/** V.01 Visitor applications: a prisoner's nomination, checked, decided, notified and reviewable. */
export const v01Definition: WorkflowDefinition<V01State, V01Command, V01StartInput, typeof model.V01_KIND> =
  defineWorkflow({
    kind: model.V01_KIND,
    idPrefix: chat.ID_PREFIX,
    label: 'visitor application',
    /** 1: stamps are the workflow layer's `{ aadObjectId, name, at }` (were `{ byId, by, at }`). */
    stateVersion: 1,
    modules: { chat, commands, decide, evolve, model, notifications, tasks },
    start,
    stage: v01Stage,
    closed: isClosed,
    participants: model.participants,
    // Prohibition orders in force against the visitor, read through the engine (never that process's modules).
    reads: { people: (app) => visitorIdentity(app.state) },
    // Its contact restriction, for a C.07 hui checking its support people (issue 14 item 12).
    publishes: { restrictions: publishedRestrictions },
    serverFields,
  });
