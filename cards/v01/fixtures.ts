import { NO_RECORDS } from '../../services/workflow/records';
import type { ProcessRecords } from '../../services/workflow/records';
import { withRelated } from '../../services/workflow/engine';
import type { Actor } from '../../services/directory/person';
import type { ApplicationDoc, AuditEvent } from '../../services/store/types';
import { taskKeysOf } from '../../services/store/types';
import type { AnyWorkflow } from '../../services/workflow/types';
import { v01Definition } from '../../services/workflows/v01';
import type { V01State } from '../../services/workflows/v01/model';
import { prohibitionDefinition } from '../../services/workflows/prohibition';
import type { V01PState } from '../../services/workflows/prohibition';

/**
 * Realistic V.01 fixtures built by running the real definitions (start, decide, evolve) without
 * a store, so samples and tests see exactly the states the engine would produce.
 */

export const SITE = 'Rimutaka';
/** Tuesday 3 March 2026, 11:00 in New Zealand (NZDT). */
export const NOW = new Date('2026-03-02T22:00:00Z');

const person = (aadObjectId: string, name: string, roles: Actor['roles']): Actor => ({
  aadObjectId,
  name,
  roles,
});
export const people = {
  staff: person('aad-staff', 'Mere Tawhiri', [{ role: 'entry-staff', site: SITE }]),
  rmm: person('aad-rmm', 'Sione Fifita', [{ role: 'reception-movements-manager', site: SITE }]),
  gm: person('aad-gm', 'Aroha Ngata', [{ role: 'general-manager-custodial', site: SITE }]),
  core1: person('aad-core1', 'Hemi Walker', [{ role: 'advisory-panel-core', site: SITE }]),
  core2: person('aad-core2', 'Priya Shah', [{ role: 'advisory-panel-core', site: SITE }]),
  guest: person('aad-guest', 'Tama Rēweti', [{ role: 'advisory-panel-guest', site: SITE }]),
  reviewer: person('aad-review', 'Grace Liu', [{ role: 'review-officer', site: '*' }]),
  inspector: person('aad-ci', 'Daniel Ō', [{ role: 'chief-inspector', site: '*' }]),
  outsider: person('aad-out', 'Kate Brown', [{ role: 'entry-staff', site: 'Arohata' }]),
};

export type Step = [actor: Actor, command: Record<string, unknown>];

export interface Run<S> {
  app: ApplicationDoc<S>;
  history: AuditEvent[];
  now: Date;
}

/** Starts and drives a workflow through `steps`, a minute apart, the way the engine would. */
export function runWorkflow<S>(
  def: AnyWorkflow,
  input: Record<string, unknown>,
  starter: Actor,
  steps: Step[] = [],
  start = NOW,
  records: ProcessRecords = NO_RECORDS,
): Run<S> {
  let now = new Date(start.getTime());
  const parsed = def.startSchema.parse(input);
  const { header, events } = def.start(parsed, { actor: starter, now, records });
  let app: ApplicationDoc<S> = {
    _id: `${def.idPrefix}-2026-00001`,
    kind: def.kind,
    ...header,
    stage: '',
    closed: false,
    version: 0,
    notifiedThrough: 0,
    lastHash: '0',
    createdAt: now,
    updatedAt: now,
    createdBy: starter.aadObjectId,
    participants: [starter.aadObjectId],
    openTasks: [],
    taskKeys: [],
    state: def.initialState() as S,
  };
  const history: AuditEvent[] = [];
  const apply = (newEvents: Array<{ type: string; payload: Record<string, unknown> }>, actor: Actor) => {
    let state = app.state;
    for (const e of newEvents) {
      const seq = app.version + 1 + history.filter((h) => h.seq > app.version).length;
      const ev: AuditEvent = {
        _id: `${app._id}#${seq}`,
        applicationId: app._id,
        seq,
        type: e.type,
        actor: { aadObjectId: actor.aadObjectId, name: actor.name },
        at: now,
        activityId: `activity-${seq}`,
        correlationId: `correlation-${seq}`,
        payload: e.payload,
        prevHash: '0',
        hash: '0',
      };
      history.push(ev);
      state = def.evolve(state, { type: ev.type, payload: ev.payload, actor: ev.actor, at: ev.at, seq });
    }
    const base = {
      ...app,
      state,
      stage: def.stage(state),
      closed: def.closed(state),
      version: history.length,
      updatedAt: now,
      participants: [...new Set([...app.participants, ...def.participants(state), actor.aadObjectId])],
    };
    const openTasks = base.closed ? [] : def.tasks(base);
    app = withRelated(
      def,
      { ...base, openTasks, taskKeys: taskKeysOf(openTasks) },
      records,
    ) as ApplicationDoc<S>;
  };
  apply(events, starter);
  for (const [actor, command] of steps) {
    now = new Date(now.getTime() + 60_000);
    apply(def.decide(app, def.commandSchema.parse(command), { actor, now, records }), actor);
  }
  return { app, history, now };
}

/** A nomination with realistic defaults; override any field. */
export function nomination(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    site: SITE,
    prisonerId: 'P1234567',
    prisonerName: 'Rawiri Henare',
    cppAlert: 'no',
    visitorType: 'private-adult',
    visitorName: 'Huia Henare',
    visitorDob: '1990-06-14',
    visitorAddress: '12 Kōwhai Street, Upper Hutt 5018',
    visitorRelationship: 'Sister',
    restriction: 'none',
    ...overrides,
  };
}

export function childNomination(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return nomination({
    visitorType: 'private-child',
    visitorName: 'Ana Henare',
    visitorDob: '2016-09-02',
    visitorRelationship: 'Daughter',
    cppAlert: 'yes',
    consenterKind: 'guardian',
    consenterName: 'Kiri Henare',
    consenterRelationship: 'Mother',
    consenterAddress: '4 Rātā Road, Porirua 5022',
    ...overrides,
  });
}

export const steps = {
  formsOut: (): Step[] => [
    [
      people.staff,
      { type: 'v01.recordFormsSent', sentTo: 'Kiri Henare, 4 Rātā Road, Porirua', method: 'post' },
    ],
    [people.staff, { type: 'v01.recordApplicationReceived', method: 'post' }],
  ],
  checks: (): Step[] => [
    [people.staff, { type: 'v01.checkItem', item: 'form-complete' }],
    [people.staff, { type: 'v01.checkItem', item: 'identification', note: 'NZ passport sighted' }],
    [people.staff, { type: 'v01.checkItem', item: 'authority', authorityGiven: 'yes' }],
    [people.staff, { type: 'v01.checkItem', item: 'visitor-entered', minorSelected: 'true' }],
    [
      people.staff,
      {
        type: 'v01.checkItem',
        item: 'security-checks',
        everImprisoned: 'no',
        onBail: 'no',
        convictedLastTwoYears: 'no',
      },
    ],
    [people.staff, { type: 'v01.checkItem', item: 'identities-queried' }],
    [
      people.staff,
      { type: 'v01.checkItem', item: 'conviction-history', note: 'No convictions or active charges' },
    ],
    [people.staff, { type: 'v01.checkItem', item: 'further-information', furtherInformationTo: 'none' }],
  ],
  convene: (): Step[] => [
    [
      people.staff,
      {
        type: 'v01.convenePanel',
        coreMembers: [
          { aadObjectId: people.core1.aadObjectId, name: people.core1.name },
          { aadObjectId: people.core2.aadObjectId, name: people.core2.name },
        ],
      },
    ],
  ],
  assess: (who: Actor, recommendation = 'approve-with-conditions'): Step => [
    who,
    {
      type: 'v01.recordPanelAssessment',
      assessment:
        'Relationship is positive; offending history unrelated to children. Supervised contact advised.',
      recommendation,
      suggestedConditions: 'Fully supervised',
    },
  ],
  gmApproveWithConditions: (): Step => [
    people.gm,
    {
      type: 'v01.decide',
      outcome: 'approved-with-conditions',
      conditions: 'non-contact,fully-supervised',
      rationale: 'Panel unanimous; booth visits are not available so fully supervised non-contact visits.',
      cppReferred: 'true',
    },
  ],
  managerDecline: (): Step => [
    people.rmm,
    {
      type: 'v01.decide',
      outcome: 'declined',
      grounds: 'security-good-order',
      rationale: 'Intelligence indicates an attempt to introduce contraband.',
    },
  ],
  managerApprove: (): Step => [
    people.rmm,
    { type: 'v01.decide', outcome: 'approved', rationale: 'Checks clear; supports family relationship.' },
  ],
};

export function adultAt(extra: Step[] = [], overrides: Record<string, unknown> = {}): Run<V01State> {
  return runWorkflow<V01State>(v01Definition, nomination(overrides), people.staff, [
    ...steps.formsOut(),
    ...steps.checks(),
    ...extra,
  ]);
}

export function cppChildAt(extra: Step[] = [], overrides: Record<string, unknown> = {}): Run<V01State> {
  return runWorkflow<V01State>(v01Definition, childNomination(overrides), people.staff, [
    ...steps.formsOut(),
    ...steps.checks(),
    ...extra,
  ]);
}

export function orderInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    site: SITE,
    visitorName: 'Carl Smith',
    visitorDob: '1985-02-11',
    visitorAddress: '9 Main Road, Wainuiomata 5014',
    scope: 'prisoners',
    prisoners: 'P1234567 Rawiri Henare\nP7654321 John Tait',
    grounds: 'security-good-order',
    reasons: 'Found attempting to pass a prohibited item during a visit on 20 February 2026.',
    privacyChecked: 'true',
    expiresOn: '2026-04-05',
    ...overrides,
  };
}

export function orderAt(extra: Step[] = [], overrides: Record<string, unknown> = {}): Run<V01PState> {
  return runWorkflow<V01PState>(prohibitionDefinition, orderInput(overrides), people.rmm, extra);
}
