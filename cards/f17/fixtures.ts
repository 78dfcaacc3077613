import { NO_RECORDS } from '../../services/workflow/records';
import { GENESIS_HASH, hashEvent } from '../../services/audit/hashChain';
import type { Actor } from '../../services/directory/person';
import type { Role } from '../../services/directory/roles';
import { taskKeysOf } from '../../services/store/types';
import type { ApplicationDoc, AuditEvent } from '../../services/store/types';
import type { Notification } from '../../services/workflow/types';
import { f17Definition } from '../../services/workflows/f17/definition';
import type { F17State } from '../../services/workflows/f17/model';

/**
 * A test-data factory for F.17: realistic people and answers with defaults plus `Partial`
 * overrides, and an assessment driven through the definition's own start/decide/evolve (no
 * store), so samples and tests show states the real workflow produces.
 */

export const SITE = 'Arohata';
export const OTHER_SITE = 'Rimutaka';

/** Distinctive text in the restricted section, so tests can prove it never leaks. */
export const INTEL_MARKER = 'INTEL-7Q: tension reported between Black Power associates in Unit 4';
export const NON_ASSOCIATION_MARKER = 'NONASSOC-3K: must not associate with PRN 90012345';

export function person(id: string, name: string, roles: Array<[Role, string]>): Actor {
  return { aadObjectId: id, name, roles: roles.map(([role, site]) => ({ role, site })) };
}

export const people = {
  caseManager: person('aad-cm-1', 'Aroha Ngata', [['case-manager', SITE]]),
  caseManager2: person('aad-cm-2', 'Ben Tuhoe', [['case-manager', SITE]]),
  caseOfficer: person('aad-co-1', 'Mere Wiremu', [['case-officer', SITE]]),
  pco: person('aad-pco-1', 'Sione Taufa', [['principal-corrections-officer', SITE]]),
  intelligence: person('aad-int-1', 'Dana Kerr', [['intelligence', SITE]]),
  psychologist: person('aad-psy-1', 'Priya Shah', [['psychologist', SITE]]),
  csm: person('aad-csm-1', 'Hemi Walker', [['custodial-systems-manager', SITE]]),
  securityManager: person('aad-sec-1', 'Lisa Brown', [['security-manager', SITE]]),
  gm: person('aad-gm-1', 'Kiri Te Rangi', [['general-manager-custodial', SITE]]),
  scheduler: person('aad-sch-1', 'Tom Hēnare', [['scheduling-coordinator', SITE]]),
  facilitator: person('aad-fac-1', 'Rangi Pōmare', [['programme-facilitator', SITE]]),
  chaplain: person('aad-chap-1', 'Matiu Rua', []),
  /** Holds every F.17 role, but at another prison. */
  otherSite: person('aad-elsewhere-1', 'Jo Smith', [
    ['case-manager', OTHER_SITE],
    ['case-officer', OTHER_SITE],
    ['intelligence', OTHER_SITE],
    ['custodial-systems-manager', OTHER_SITE],
    ['general-manager-custodial', OTHER_SITE],
  ]),
  stranger: person('aad-nobody-1', 'Sam Nobody', []),
} satisfies Record<string, Actor>;

/** What the bot would offer in a people choice list. */
export const directoryChoices = [people.facilitator, people.chaplain, people.psychologist].map((p) => ({
  aadObjectId: p.aadObjectId,
  name: p.name,
}));

export function startInput(overrides: Partial<Record<string, string>> = {}): Record<string, string> {
  const base: Record<string, string> = {
    prisonerId: '80012345',
    prisonerName: 'Tama Rāwiri',
    accusedStatus: 'remand',
    courtDate: '2026-04-14',
    gangStatus: 'None known',
    rmtStatus: 'Not subject to RMT',
    rmtLevel: 'n/a',
    programmeName: 'Te reo Māori for beginners',
    programmeKind: 'te ao Māori',
    participants: '10',
    facilitatorId: people.facilitator.aadObjectId,
    facilitatorName: people.facilitator.name,
    location: 'Learning centre, Unit 4',
    site: SITE,
  };
  const out = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

export const answers = {
  caseManagement: {
    categoriesMixedWith: 'Sentenced men, low and low-medium security classification, Unit 4',
    withoutMixing: 'no',
    withoutMixingDetail: 'The course runs only in the shared learning centre with sentenced learners.',
    motivation:
      'Signed consent on 2 March; asked for the course himself and has attended every remand session.',
    reintegrationNeeds: 'Reconnecting with his iwi and whānau; literacy.',
    promotesReintegration: 'Builds cultural identity and links to a community te reo class on release.',
  },
  unit: {
    observations: 'Settled in the unit, respectful to staff.',
    behaviour: 'Compliant with unit routines; no refusals.',
    misconducts: 'None in the past six months.',
    alerts: 'No active alerts.',
    nonAssociations: NON_ASSOCIATION_MARKER,
    otherIssues: '',
  },
  intelligence: {
    risksMixing: INTEL_MARKER,
    risksOtherPrisoners: 'Manageable with seating separation; see intelligence note 2026/114.',
  },
  psychology: { furtherInput: 'No concerns from psychological services about group settings.' },
  other: { furtherInput: 'The chaplaincy group he attends has no sentenced participants on the course.' },
};

export const review = {
  summary: 'All sections in. Good custodial behaviour, clear reintegration benefit.',
  risks: 'Possible gang tension with one enrolled learner.',
  riskManagement: 'Seat apart; officer present in the learning centre for every session.',
  recommendation: 'supported',
};

export const decisionInput = {
  consideration: 'The benefits outweigh a risk that can be managed as the review sets out.',
  reasons: 'Strong motivation, good conduct, and the programme is only offered in a mixed setting.',
  releasableReasons:
    'You are motivated, your conduct is good, and the programme is only offered in a mixed group.',
  releasableChecked: 'true',
};

export const START_TIME = new Date('2026-03-02T21:00:00.000Z');
const HOUR = 3_600_000;

/** An assessment moved along by the workflow's own pure functions, with its audit trail. */
export class F17Fixture {
  app: ApplicationDoc<F17State>;
  history: AuditEvent[] = [];
  /** Every notification each step produced, in order. */
  notified: Array<{ event: AuditEvent; notifications: Notification[] }> = [];
  now: Date;

  private constructor(app: ApplicationDoc<F17State>, now: Date) {
    this.app = app;
    this.now = now;
  }

  static start(
    overrides: Partial<Record<string, string>> = {},
    actor: Actor = people.caseManager,
    now = START_TIME,
    id = 'MIX-2026-00042',
  ): F17Fixture {
    const input = f17Definition.startSchema.parse(startInput(overrides));
    const { header, events } = f17Definition.start(input, { actor, now, records: NO_RECORDS });
    const app: ApplicationDoc<F17State> = {
      _id: id,
      kind: 'F17',
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
      state: f17Definition.initialState(),
    };
    const f = new F17Fixture(app, now);
    f.apply(events, actor);
    return f;
  }

  /** Runs a raw command (as the bot would build it from a card) as `actor`, an hour after the last step. */
  run(actor: Actor, raw: Record<string, unknown>): AuditEvent[] {
    this.now = new Date(this.now.getTime() + HOUR);
    const command = f17Definition.commandSchema.parse(raw);
    const events = f17Definition.decide(this.app, command, { actor, now: this.now, records: NO_RECORDS });
    return this.apply(events, actor);
  }

  private apply(
    events: Array<{ type: string; payload: Record<string, unknown> }>,
    actor: Actor,
  ): AuditEvent[] {
    let prevHash = this.app.lastHash;
    const stamped = events.map((e, i) => {
      const seq = this.app.version + i + 1;
      const partial = {
        _id: `${this.app._id}#${seq}`,
        applicationId: this.app._id,
        seq,
        type: e.type,
        actor: { aadObjectId: actor.aadObjectId, name: actor.name },
        at: this.now,
        activityId: `activity-${seq}`,
        correlationId: `corr-${seq}`,
        payload: e.payload,
        prevHash,
      };
      const hash = hashEvent(partial);
      prevHash = hash;
      return { ...partial, hash };
    });
    let state = this.app.state;
    for (const e of stamped) state = f17Definition.evolve(state, e);
    const participants = new Set([
      ...this.app.participants,
      ...f17Definition.participants(state),
      ...stamped.map((e) => e.actor.aadObjectId),
    ]);
    const base = {
      ...this.app,
      state,
      stage: f17Definition.stage(state),
      closed: f17Definition.closed(state),
      version: stamped.length ? stamped[stamped.length - 1]!.seq : this.app.version,
      lastHash: prevHash,
      updatedAt: this.now,
      participants: [...participants],
    };
    const openTasks = base.closed ? [] : f17Definition.tasks(base);
    this.app = { ...base, openTasks, taskKeys: taskKeysOf(openTasks) };
    this.history.push(...stamped);
    for (const e of stamped)
      this.notified.push({ event: e, notifications: f17Definition.notifications(this.app, e) });
    return stamped;
  }

  consent(actor: Actor = people.caseManager): this {
    this.run(actor, {
      type: 'f17.recordConsent',
      consentObtainedBy: actor.name,
      consentDate: '2026-03-02',
      consentFormReference: 'IOMS doc 55120',
    });
    return this;
  }

  submit(section: keyof typeof answers, actor: Actor): this {
    this.run(actor, { type: 'f17.submitSection', section, ...answers[section] });
    return this;
  }

  requiredSections(): this {
    return this.submit('caseManagement', people.caseManager)
      .submit('unit', people.caseOfficer)
      .submit('intelligence', people.intelligence);
  }

  reviewed(overrides: Partial<typeof review> = {}): this {
    this.run(people.csm, { type: 'f17.submitReview', ...review, ...overrides });
    return this;
  }

  decided(outcome: 'approved' | 'declined'): this {
    this.run(people.gm, { type: 'f17.decide', outcome, ...decisionInput });
    return this;
  }

  informed(actor: Actor = people.caseManager): this {
    this.run(actor, {
      type: 'f17.confirmPrisonerInformed',
      informedOn: '2026-03-03',
      howInformed: 'In person in the unit',
    });
    return this;
  }

  formUploaded(actor: Actor = people.caseManager): this {
    this.run(actor, { type: 'f17.confirmConsentFormUploaded', uploadReference: 'IOMS doc 55120' });
    return this;
  }

  withdrawn(actor: Actor = people.caseOfficer): this {
    this.run(actor, {
      type: 'f17.withdrawConsent',
      withdrawalNote: 'Told me at muster on 3 March he no longer wants to attend.',
    });
    return this;
  }
}

/** The assessment at each point of the process, by name. */
export const fixtures = {
  awaitingConsent: () => F17Fixture.start(),
  consented: () => F17Fixture.start().consent(),
  withDraft: () => {
    const f = F17Fixture.start().consent();
    f.run(people.caseOfficer, {
      type: 'f17.saveSectionDraft',
      section: 'unit',
      observations: 'Settled so far.',
    });
    return f;
  },
  partlyAnswered: () => F17Fixture.start().consent().submit('caseManagement', people.caseManager),
  readyForReview: () => F17Fixture.start().consent().requiredSections(),
  withContributor: () => {
    const f = F17Fixture.start().consent();
    f.run(people.caseManager, {
      type: 'f17.nameContributor',
      contributorId: people.chaplain.aadObjectId,
      contributorName: people.chaplain.name,
      contributorDescription: 'prison chaplain',
    });
    return f;
  },
  awaitingDecision: () =>
    F17Fixture.start().consent().requiredSections().submit('psychology', people.psychologist).reviewed(),
  approved: () => F17Fixture.start().consent().requiredSections().reviewed().decided('approved'),
  declined: () =>
    F17Fixture.start()
      .consent()
      .requiredSections()
      .reviewed({ recommendation: 'not-supported' })
      .decided('declined'),
  closedApproved: () =>
    F17Fixture.start().consent().requiredSections().reviewed().decided('approved').informed().formUploaded(),
  withdrawn: () => F17Fixture.start().consent().submit('caseManagement', people.caseManager).withdrawn(),
};
