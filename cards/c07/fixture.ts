import { NO_RECORDS } from '../../services/workflow/records';
import type { Actor } from '../../services/directory/person';
import { GENESIS_HASH } from '../../services/audit/hashChain';
import { ValidationError } from '../../services/errors';
import type { ApplicationDoc, AuditEvent } from '../../services/store/types';
import { taskKeysOf } from '../../services/store/types';
import { zodFieldErrors } from '../../services/validation';
import { c07Definition } from '../../services/workflows/c07/definition';
import type { HuiApp } from '../../services/workflows/c07/definition';
import type { HuiState } from '../../services/workflows/c07/model';

/**
 * Realistic test data for the support hui process, and a pure runner that drives the real
 * definition (start, decide, evolve, tasks) without a store: card samples and tests build every
 * state by running commands, never by writing state by hand.
 */

export const HUI_SITE = 'Rimutaka';

const person = (aadObjectId: string, name: string, roles: Actor['roles']): Actor => ({
  aadObjectId,
  name,
  roles,
});

export const huiPeople = {
  caseManager: person('aad-cm-wiremu', 'Wiremu Parata', [{ role: 'case-manager', site: HUI_SITE }]),
  caseOfficer: person('aad-co-sam', 'Sam Lee', [{ role: 'case-officer', site: HUI_SITE }]),
  director: person('aad-pd-helen', 'Helen Brown', [{ role: 'prison-director', site: HUI_SITE }]),
  deputyDirector: person('aad-pd-rangi', 'Rangi Tau', [{ role: 'prison-director', site: HUI_SITE }]),
  otherSiteDirector: person('aad-pd-arohata', 'Grace Kim', [{ role: 'prison-director', site: 'Arohata' }]),
  serviceManager: person('aad-sm-lena', 'Lena Fonoti', [{ role: 'service-manager', site: 'Porirua' }]),
  outsider: person('aad-no-roles', 'Pat Visitor', []),
};

/** A start submission as the card sends it (strings by input id), with defaults and overrides. */
export function huiStartInput(overrides: Partial<Record<string, string>> = {}): Record<string, string> {
  const base: Record<string, string> = {
    prisonerId: '94018832',
    prisonerName: 'Tama Ngata',
    site: HUI_SITE,
    huiKind: 'whanau-hui',
    purpose: 'Whānau hui to plan Tama’s support on release and strengthen his connection with his whānau.',
    objectives:
      'Agree who supports Tama in the first month after release; confirm accommodation with his mother; plan contact with his tamariki.',
    pillars: 'accommodation,whanau',
    date: '2026-04-05',
    time: '10:00',
    durationMinutes: '90',
    locationType: 'prison',
    place: 'Whānau room, Rimutaka Prison',
    mode: 'in-person',
    correctionsStaff: 'Wiremu Parata (case manager)\nSam Lee (case officer, unit supervision)',
    pv1Org: 'Te Whare Hāpai Tangata',
    pv1Person: 'Aroha Smith',
    sp1Name: 'Mere Ngata',
    sp1Relationship: 'Mother',
    sp1Contact: '021 555 0101',
    sp2Name: 'Hemi Walker',
    sp2Relationship: 'Uncle',
    sp2Contact: '027 555 0202',
  };
  const out: Record<string, string> = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/**
 * A start input naming `person` as the prisoner's case manager, with the directory's answer about
 * them as the server supplies it (bot/serverFields.ts).
 */
export function namingCaseManager(person: Actor, overrides: Record<string, string | undefined> = {}) {
  return {
    ...huiStartInput({ ...overrides, caseManagerId: person.aadObjectId }),
    caseManagerCheck: { found: true, name: person.name, roles: person.roles },
  };
}

/** Before the default hui (NZ 5 April 2026), so it starts in the future. */
export const FIXTURE_NOW = new Date('2026-03-20T21:00:00Z');

/** A hui driven through the real definition, with its audit trail, in memory. */
export class PureHui {
  app: HuiApp;
  history: AuditEvent[] = [];
  now: Date;

  constructor(
    input: Record<string, unknown> = huiStartInput(),
    actor: Actor = huiPeople.caseManager,
    now: Date = FIXTURE_NOW,
  ) {
    this.now = now;
    const parsed = c07Definition.startSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
    const { header, events } = c07Definition.start(parsed.data, { actor, now, records: NO_RECORDS });
    const empty: ApplicationDoc<HuiState> = {
      _id: 'HUI-2026-00001',
      kind: 'C07',
      ...header,
      stage: '',
      closed: false,
      version: 0,
      notifiedThrough: 0,
      lastHash: GENESIS_HASH,
      createdAt: now,
      updatedAt: now,
      createdBy: actor.aadObjectId,
      participants: [actor.aadObjectId],
      openTasks: [],
      taskKeys: [],
      state: c07Definition.initialState(),
    };
    this.app = this.apply(empty, events, actor);
  }

  /** Runs one command as the card would send it; throws the DomainError the engine would. */
  run(command: Record<string, unknown>, actor: Actor, at: Date = this.now): AuditEvent[] {
    this.now = at;
    const parsed = c07Definition.commandSchema.safeParse(command);
    if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
    const before = this.history.length;
    this.app = this.apply(
      this.app,
      c07Definition.decide(this.app, parsed.data, { actor, now: at, records: NO_RECORDS }),
      actor,
    );
    return this.history.slice(before);
  }

  get state(): HuiState {
    return this.app.state;
  }

  get stage(): string {
    return this.app.stage;
  }

  private apply(
    app: HuiApp,
    events: Array<{ type: string; payload: Record<string, unknown> }>,
    actor: Actor,
  ): HuiApp {
    if (events.length === 0) return app;
    let state = app.state;
    let seq = app.version;
    for (const e of events) {
      seq += 1;
      const ev: AuditEvent = {
        _id: `${app._id}#${seq}`,
        applicationId: app._id,
        seq,
        type: e.type,
        actor: { aadObjectId: actor.aadObjectId, name: actor.name },
        at: this.now,
        activityId: `fixture-${seq}`,
        correlationId: 'fixture',
        payload: e.payload,
        prevHash: '',
        hash: '',
      };
      this.history.push(ev);
      state = c07Definition.evolve(state, ev);
    }
    const next = {
      ...app,
      state,
      stage: c07Definition.stage(state),
      closed: c07Definition.closed(state),
      version: seq,
      updatedAt: this.now,
      participants: [
        ...new Set([...app.participants, ...c07Definition.participants(state), actor.aadObjectId]),
      ],
    };
    const openTasks = next.closed ? [] : c07Definition.tasks(next);
    return { ...next, openTasks, taskKeys: taskKeysOf(openTasks) };
  }
}

/** Records both consents and a suitable assessment for every listed support person not already refused. */
export function clearAllSupportPeople(h: PureHui, actor: Actor = huiPeople.caseManager): void {
  const current = (id: string) => h.state.supportPeople.find((x) => x.id === id);
  for (const { id, name } of h.state.supportPeople) {
    if (!current(id)?.prisonerConsent) {
      h.run({ type: 'c07.recordPrisonerConsent', personId: id, prisonerConsent: 'given' }, actor);
    }
    if (current(id)?.prisonerConsent?.given !== true) continue;
    if (!current(id)?.consent) {
      h.run({ type: 'c07.recordSupportConsent', personId: id, supportConsent: 'given' }, actor);
    }
    if (current(id)?.consent?.given !== true || current(id)?.suitability) continue;
    h.run(
      {
        type: 'c07.recordSuitability',
        personId: id,
        suitable: 'yes',
        assessment: `${name} is a stable, pro-social support with no current concerns; has supported Tama through his sentence.`,
        involvement: 'full',
        contactPlan: 'By phone before the hui; in person at the hui with the case manager present.',
        iomsRecorded: 'true',
      },
      actor,
    );
  }
}

/** A hui ready for and sent to the manager. */
export function sentHui(input: Record<string, unknown> = huiStartInput()): PureHui {
  const h = new PureHui(input);
  clearAllSupportPeople(h);
  h.run({ type: 'c07.sendForSignOff' }, huiPeople.caseManager);
  return h;
}

/** A hui the prison director has signed off. */
export function signedOffHui(input: Record<string, unknown> = huiStartInput()): PureHui {
  const h = sentHui(input);
  h.run({ type: 'c07.signOff' }, huiPeople.director);
  return h;
}
