import { strict as assert } from 'node:assert';
import type { Actor } from '../../services/directory/person';
import { DomainError } from '../../services/errors';
import type { ErrorKind, ValidationError } from '../../services/errors';
import { c07Definition } from '../../services/workflows/c07/definition';
import { entryThreadKey, managerRoleFor } from '../../services/workflows/c07/model';
import {
  FIXTURE_NOW,
  HUI_SITE,
  PureHui,
  clearAllSupportPeople,
  huiPeople,
  huiStartInput,
  namingCaseManager,
  sentHui,
  signedOffHui,
} from '../fixtures/c07';

const {
  caseManager: cm,
  caseOfficer,
  director,
  deputyDirector,
  otherSiteDirector,
  serviceManager,
  outsider,
} = huiPeople;
const AFTER_HUI = new Date('2026-04-05T01:00:00Z');

function expectError(fn: () => unknown, kind: ErrorKind, message?: RegExp): DomainError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    assert.equal(e.kind, kind, `expected ${kind}, got ${e.kind}: ${e.userMessage}`);
    if (message) assert.match(e.userMessage, message);
    return e;
  }
  assert.fail(`expected ${kind}, nothing was thrown`);
}

const setups: Record<string, () => PureHui> = {
  preparing: () => new PureHui(),
  ready: () => {
    const h = new PureHui();
    clearAllSupportPeople(h);
    return h;
  },
  'awaiting-sign-off': () => sentHui(),
  'signed-off': () => signedOffHui(),
  cancelled: () => {
    const h = sentHui();
    h.run({ type: 'c07.cancel', cancelReason: 'Prisoner transferred.' }, cm);
    return h;
  },
  completed: () => {
    const h = signedOffHui();
    h.run(
      { type: 'c07.recordOutcome', outcomeActions: 'Accommodation confirmed.', iomsRecorded: 'true' },
      cm,
      AFTER_HUI,
    );
    return h;
  },
};

interface Row {
  from: keyof typeof setups;
  command: Record<string, unknown>;
  actor: Actor;
  at?: Date;
  events?: string[];
  to?: string;
  error?: ErrorKind;
}

const reschedule = {
  type: 'c07.reschedule',
  newDate: '2026-04-12',
  newTime: '13:30',
  newDuration: '60',
  rescheduleReason: 'Whānau travel.',
};
const firstPerson = 'sp1';

const TABLE: Row[] = [
  {
    from: 'preparing',
    command: { type: 'c07.recordPrisonerConsent', personId: firstPerson, prisonerConsent: 'given' },
    actor: cm,
    events: ['c07.prisonerConsentRecorded'],
    to: 'preparing',
  },
  {
    from: 'preparing',
    command: { type: 'c07.recordSupportConsent', personId: firstPerson, supportConsent: 'given' },
    actor: cm,
    error: 'CONSENT_REQUIRED',
  },
  { from: 'preparing', command: { type: 'c07.sendForSignOff' }, actor: cm, error: 'CONSENT_REQUIRED' },
  { from: 'preparing', command: { type: 'c07.signOff' }, actor: director, error: 'WRONG_STAGE' },
  {
    from: 'preparing',
    command: { type: 'c07.askQuestion', question: 'Why?' },
    actor: director,
    error: 'WRONG_STAGE',
  },
  { from: 'preparing', command: reschedule, actor: cm, events: ['c07.rescheduled'], to: 'preparing' },
  {
    from: 'preparing',
    command: { type: 'c07.cancel', cancelReason: 'No longer needed.' },
    actor: caseOfficer,
    error: 'FORBIDDEN',
  },
  {
    from: 'preparing',
    command: { type: 'c07.cancel', cancelReason: 'No longer needed.' },
    actor: cm,
    events: ['c07.cancelled'],
    to: 'cancelled',
  },
  {
    from: 'ready',
    command: { type: 'c07.sendForSignOff' },
    actor: cm,
    events: ['c07.sentForSignOff'],
    to: 'awaiting-sign-off',
  },
  { from: 'ready', command: { type: 'c07.sendForSignOff' }, actor: caseOfficer, error: 'FORBIDDEN' },
  {
    from: 'ready',
    command: { type: 'c07.recordOutcome', outcomeActions: 'x', iomsRecorded: 'true' },
    actor: cm,
    at: AFTER_HUI,
    error: 'WRONG_STAGE',
  },
  { from: 'awaiting-sign-off', command: { type: 'c07.sendForSignOff' }, actor: cm, error: 'ALREADY_DONE' },
  {
    from: 'awaiting-sign-off',
    command: { type: 'c07.askQuestion', question: 'Who supervises?' },
    actor: director,
    events: ['c07.questionAsked'],
    to: 'awaiting-sign-off',
  },
  {
    from: 'awaiting-sign-off',
    command: { type: 'c07.requireSafetyMeasures', measures: 'Officer present.' },
    actor: director,
    events: ['c07.safetyMeasuresRequired'],
    to: 'awaiting-sign-off',
  },
  {
    from: 'awaiting-sign-off',
    command: { type: 'c07.signOff' },
    actor: director,
    events: ['c07.signedOff'],
    to: 'signed-off',
  },
  { from: 'awaiting-sign-off', command: { type: 'c07.signOff' }, actor: cm, error: 'FORBIDDEN' },
  {
    from: 'awaiting-sign-off',
    command: { type: 'c07.signOff' },
    actor: otherSiteDirector,
    error: 'FORBIDDEN',
  },
  { from: 'awaiting-sign-off', command: { type: 'c07.signOff' }, actor: serviceManager, error: 'FORBIDDEN' },
  {
    from: 'awaiting-sign-off',
    command: { type: 'c07.recordPrisonerConsent', personId: firstPerson, prisonerConsent: 'given' },
    actor: cm,
    error: 'WRONG_STAGE',
  },
  {
    from: 'awaiting-sign-off',
    command: reschedule,
    actor: cm,
    events: ['c07.rescheduled'],
    to: 'awaiting-sign-off',
  },
  {
    from: 'awaiting-sign-off',
    command: {
      type: 'c07.changeAttendees',
      correctionsStaff: 'Sam Lee',
      pv1Org: 'Te Whare Hāpai Tangata',
      pv1Person: 'Aroha Smith',
      addName: 'Kiri Ngata',
      addRelationship: 'Sister',
      addContact: '022 555 0505',
    },
    actor: cm,
    events: ['c07.attendeesChanged'],
    to: 'preparing',
  },
  { from: 'signed-off', command: { type: 'c07.signOff' }, actor: deputyDirector, error: 'ALREADY_DONE' },
  {
    from: 'signed-off',
    command: { type: 'c07.askQuestion', question: 'Late question' },
    actor: director,
    error: 'WRONG_STAGE',
  },
  {
    from: 'signed-off',
    command: reschedule,
    actor: cm,
    events: ['c07.rescheduled'],
    to: 'awaiting-sign-off',
  },
  {
    from: 'signed-off',
    command: { type: 'c07.removeSupportPerson', personId: firstPerson, removeReason: 'Unwell.' },
    actor: cm,
    events: ['c07.supportPersonRemoved'],
    to: 'awaiting-sign-off',
  },
  {
    from: 'signed-off',
    command: {
      type: 'c07.changeAttendees',
      correctionsStaff: 'Sam Lee',
      pv1Org: 'Te Whare Hāpai Tangata',
      pv1Person: 'Aroha Smith',
      addName: 'Kiri Ngata',
      addRelationship: 'Sister',
      addContact: '022 555 0505',
    },
    actor: cm,
    events: ['c07.attendeesChanged'],
    to: 'preparing',
  },
  {
    from: 'signed-off',
    command: { type: 'c07.recordOutcome', outcomeActions: 'Plan agreed.', iomsRecorded: 'true' },
    actor: cm,
    error: 'WRONG_STAGE',
  },
  {
    from: 'signed-off',
    command: { type: 'c07.recordOutcome', outcomeActions: 'Plan agreed.', iomsRecorded: 'true' },
    actor: cm,
    at: AFTER_HUI,
    events: ['c07.outcomeRecorded'],
    to: 'completed',
  },
  {
    from: 'signed-off',
    command: { type: 'c07.recordOutcome', outcomeActions: 'Plan agreed.', iomsRecorded: 'true' },
    actor: director,
    at: AFTER_HUI,
    error: 'FORBIDDEN',
  },
  {
    from: 'signed-off',
    command: { type: 'c07.cancel', cancelReason: 'Lockdown.' },
    actor: cm,
    events: ['c07.cancelled'],
    to: 'cancelled',
  },
  {
    from: 'cancelled',
    command: { type: 'c07.cancel', cancelReason: 'Again.' },
    actor: cm,
    error: 'ALREADY_DONE',
  },
  { from: 'cancelled', command: reschedule, actor: cm, error: 'CLOSED' },
  { from: 'cancelled', command: { type: 'c07.signOff' }, actor: director, error: 'CLOSED' },
  {
    from: 'completed',
    command: { type: 'c07.recordOutcome', outcomeActions: 'Again.', iomsRecorded: 'true' },
    actor: cm,
    at: AFTER_HUI,
    error: 'ALREADY_DONE',
  },
  {
    from: 'completed',
    command: { type: 'c07.cancel', cancelReason: 'Too late.' },
    actor: cm,
    error: 'CLOSED',
  },
];

describe('C.07 support hui: transitions', () => {
  for (const row of TABLE) {
    const outcome = row.error ? `refused with ${row.error}` : `${row.events?.join(', ')} → ${row.to}`;
    it(`${row.from}: ${String(row.command.type)} by ${row.actor.name} is ${outcome}`, () => {
      const h = setups[row.from]!();
      assert.equal(h.stage, row.from === 'ready' ? 'preparing' : row.from);
      if (row.error) {
        const version = h.app.version;
        expectError(() => h.run(row.command, row.actor, row.at ?? FIXTURE_NOW), row.error);
        assert.equal(h.app.version, version, 'a refused command records nothing');
      } else {
        const events = h.run(row.command, row.actor, row.at ?? FIXTURE_NOW);
        assert.deepEqual(
          events.map((e) => e.type),
          row.events,
        );
        assert.equal(h.stage, row.to);
      }
    });
  }
});

describe('C.07 support hui: consent guards (C.07.02)', () => {
  it('cannot go to the manager while any support person lacks a consent or a suitability assessment', () => {
    const h = new PureHui();
    const [mere, hemi] = h.state.supportPeople;
    h.run({ type: 'c07.recordPrisonerConsent', personId: mere!.id, prisonerConsent: 'given' }, cm);
    h.run({ type: 'c07.recordSupportConsent', personId: mere!.id, supportConsent: 'given' }, cm);
    h.run(
      {
        type: 'c07.recordSuitability',
        personId: mere!.id,
        suitable: 'yes',
        assessment: 'Stable support.',
        involvement: 'full',
        contactPlan: 'Phone.',
        iomsRecorded: 'true',
      },
      cm,
    );
    const e = expectError(
      () => h.run({ type: 'c07.sendForSignOff' }, cm),
      'CONSENT_REQUIRED',
      /Hemi Walker: the prisoner's consent/,
    );
    assert.deepEqual(e.details.outstanding, [
      "Hemi Walker: the prisoner's consent to contact them is not recorded.",
    ]);
    h.run({ type: 'c07.recordPrisonerConsent', personId: hemi!.id, prisonerConsent: 'given' }, cm);
    expectError(() => h.run({ type: 'c07.sendForSignOff' }, cm), 'CONSENT_REQUIRED', /consent to take part/);
    h.run({ type: 'c07.recordSupportConsent', personId: hemi!.id, supportConsent: 'given' }, cm);
    expectError(
      () => h.run({ type: 'c07.sendForSignOff' }, cm),
      'CONSENT_REQUIRED',
      /suitability assessment/,
    );
  });

  it('asks a support person only after the prisoner consented to them being contacted', () => {
    const h = new PureHui();
    expectError(
      () => h.run({ type: 'c07.recordSupportConsent', personId: 'sp1', supportConsent: 'given' }, cm),
      'CONSENT_REQUIRED',
      /prisoner's consent/,
    );
    h.run({ type: 'c07.recordPrisonerConsent', personId: 'sp1', prisonerConsent: 'refused' }, cm);
    expectError(
      () => h.run({ type: 'c07.recordSupportConsent', personId: 'sp1', supportConsent: 'given' }, cm),
      'CONSENT_REQUIRED',
    );
  });

  it('records each consent and assessment once: a second click is told who did it', () => {
    const h = new PureHui();
    clearAllSupportPeople(h);
    const again = [
      { type: 'c07.recordPrisonerConsent', personId: 'sp1', prisonerConsent: 'given' },
      { type: 'c07.recordSupportConsent', personId: 'sp1', supportConsent: 'given' },
      {
        type: 'c07.recordSuitability',
        personId: 'sp1',
        suitable: 'yes',
        assessment: 'ok',
        involvement: 'full',
        contactPlan: 'Phone.',
      },
    ];
    for (const cmd of again) expectError(() => h.run(cmd, cm), 'ALREADY_DONE', /Wiremu Parata/);
  });

  it('assesses suitability only after the person consented to take part', () => {
    const h = new PureHui();
    h.run({ type: 'c07.recordPrisonerConsent', personId: 'sp1', prisonerConsent: 'given' }, cm);
    const cmd = {
      type: 'c07.recordSuitability',
      personId: 'sp1',
      suitable: 'yes',
      assessment: 'ok',
      involvement: 'full',
      contactPlan: 'Phone.',
    };
    expectError(() => h.run(cmd, cm), 'CONSENT_REQUIRED');
    h.run({ type: 'c07.recordSupportConsent', personId: 'sp1', supportConsent: 'declined' }, cm);
    expectError(() => h.run(cmd, cm), 'CONSENT_REQUIRED');
  });

  it('a person who declined or is not suitable must be removed before sending, and is then not in the notification', () => {
    const h2 = new PureHui();
    h2.run({ type: 'c07.recordPrisonerConsent', personId: 'sp2', prisonerConsent: 'given' }, cm);
    h2.run({ type: 'c07.recordSupportConsent', personId: 'sp2', supportConsent: 'declined' }, cm);
    clearAllSupportPeople(h2);
    expectError(
      () => h2.run({ type: 'c07.sendForSignOff' }, cm),
      'CONSENT_REQUIRED',
      /Hemi Walker: they declined/,
    );
    h2.run({ type: 'c07.removeSupportPerson', personId: 'sp2', removeReason: 'Declined to take part.' }, cm);
    h2.run({ type: 'c07.sendForSignOff' }, cm);
    assert.equal(h2.stage, 'awaiting-sign-off');
    assert.deepEqual(
      h2.state.supportPeople.map((p) => p.name),
      ['Mere Ngata'],
    );
    assert.equal(h2.state.removedPeople[0]?.removed.reason, 'Declined to take part.');
  });

  it('a support person added after sign-off needs consents before the hui goes back to the manager', () => {
    const h = signedOffHui();
    h.run(
      {
        type: 'c07.changeAttendees',
        correctionsStaff: 'Sam Lee',
        pv1Org: 'Te Whare Hāpai Tangata',
        pv1Person: 'Aroha Smith',
        addName: 'Kiri Ngata',
        addRelationship: 'Sister',
        addContact: '022 555 0505',
      },
      cm,
    );
    assert.equal(h.stage, 'preparing');
    assert.equal(h.state.signOff, undefined);
    expectError(() => h.run({ type: 'c07.sendForSignOff' }, cm), 'CONSENT_REQUIRED', /Kiri Ngata/);
    clearAllSupportPeople(h);
    h.run({ type: 'c07.sendForSignOff' }, cm);
    assert.equal(h.stage, 'awaiting-sign-off');
  });

  describe('restorative justice conference: every party’s informed consent', () => {
    const rjInput = huiStartInput({
      huiKind: 'restorative-justice',
      rjVictims: 'Ana Rewi — the person harmed',
      pv1Org: 'Restorative Justice Aotearoa',
      pv1Person: 'Jo Tane',
    });

    it('is not sent while the prisoner’s or a provider party’s informed consent is missing or refused', () => {
      const h = new PureHui(rjInput);
      clearAllSupportPeople(h);
      expectError(
        () => h.run({ type: 'c07.sendForSignOff' }, cm),
        'CONSENT_REQUIRED',
        /Tama Ngata \(the prisoner\): informed consent/,
      );
      h.run({ type: 'c07.recordPartyConsent', party: 'prisoner', partyConsent: 'given' }, cm);
      expectError(() => h.run({ type: 'c07.sendForSignOff' }, cm), 'CONSENT_REQUIRED', /Jo Tane/);
      const provider = h.state.providers[0]!.id;
      h.run({ type: 'c07.recordPartyConsent', party: provider, partyConsent: 'refused' }, cm);
      expectError(
        () => h.run({ type: 'c07.sendForSignOff' }, cm),
        'CONSENT_REQUIRED',
        /did not give informed consent/,
      );
    });

    it('goes to the manager once every party consented', () => {
      const h = new PureHui(rjInput);
      clearAllSupportPeople(h);
      h.run({ type: 'c07.recordPartyConsent', party: 'prisoner', partyConsent: 'given' }, cm);
      h.run({ type: 'c07.recordPartyConsent', party: h.state.providers[0]!.id, partyConsent: 'given' }, cm);
      h.run(
        { type: 'c07.recordPartyConsent', party: h.state.victimParties![0]!.id, partyConsent: 'given' },
        cm,
      );
      h.run({ type: 'c07.sendForSignOff' }, cm);
      assert.equal(h.stage, 'awaiting-sign-off');
    });

    it('records party consent only for a restorative justice conference', () => {
      const h = new PureHui();
      expectError(
        () => h.run({ type: 'c07.recordPartyConsent', party: 'prisoner', partyConsent: 'given' }, cm),
        'WRONG_STAGE',
      );
    });
  });
});

describe('C.07 support hui: sign-off keeps what the manager typed', () => {
  it('records safety measures typed on the card together with the sign-off', () => {
    const h = sentHui();
    const events = h.run(
      { type: 'c07.signOff', measures: 'Officer present throughout.', question: '' },
      director,
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['c07.safetyMeasuresRequired', 'c07.signedOff'],
    );
    assert.equal(h.state.safetyMeasures[0]?.text, 'Officer present throughout.');
    const [measures, signed] = h.history.slice(-2);
    assert.deepEqual(c07Definition.notifications(h.app, measures!), [], 'one message for one click');
    assert.ok(c07Definition.notifications(h.app, signed!).some((n) => n.target.kind === 'channel'));
  });

  it('does not sign off over an unsent question', () => {
    const h = sentHui();
    const e = expectError(
      () => h.run({ type: 'c07.signOff', question: 'Who supervises?' }, director),
      'VALIDATION',
    ) as ValidationError;
    assert.equal(e.fieldErrors[0]?.field, 'question');
    assert.equal(h.stage, 'awaiting-sign-off');
  });
});

describe('C.07 support hui: who may act', () => {
  it('tells a non-manager which role at which site signs off', () => {
    const h = sentHui();
    expectError(
      () => h.run({ type: 'c07.signOff' }, cm),
      'FORBIDDEN',
      /^This is for prison director at Rimutaka\.$/,
    );
  });

  it('refuses a prison director of another site', () => {
    const h = sentHui();
    expectError(() => h.run({ type: 'c07.signOff' }, otherSiteDirector), 'FORBIDDEN', /at Rimutaka/);
    expectError(() => h.run({ type: 'c07.askQuestion', question: 'Hmm?' }, otherSiteDirector), 'FORBIDDEN');
  });

  it('sends a community-site hui to the service manager, not the prison director', () => {
    const input = huiStartInput({
      site: 'Porirua',
      locationType: 'service-centre',
      place: 'Porirua service centre, room 2',
    });
    const poriruaCm = { ...cm, roles: [{ role: 'case-manager' as const, site: 'Porirua' }] };
    const start = new PureHui(input, poriruaCm);
    assert.equal(managerRoleFor(start.state), 'service-manager');
    clearAllSupportPeople(start, poriruaCm);
    start.run({ type: 'c07.sendForSignOff' }, poriruaCm);
    expectError(
      () => start.run({ type: 'c07.signOff' }, director),
      'FORBIDDEN',
      /service manager at Porirua/,
    );
    start.run({ type: 'c07.signOff' }, serviceManager);
    assert.equal(start.stage, 'signed-off');
  });

  it('makes the prison director the liaison for a hui another agency organises (C.07.04)', () => {
    const input = huiStartInput({
      huiKind: 'other-agency',
      locationType: 'service-centre',
      agency: 'Oranga Tamariki',
      agencyCoordinator: 'Sina Tuilagi',
      agencyCoordinatorContact: '04 555 0303',
      agencyAttendance: 'temporary-removal',
    });
    const h = new PureHui(input);
    assert.equal(managerRoleFor(h.state), 'prison-director');
    assert.deepEqual(h.state.agency, {
      agency: 'Oranga Tamariki',
      coordinator: 'Sina Tuilagi',
      coordinatorContact: '04 555 0303',
      attendance: 'temporary-removal',
    });
  });

  it('lets other corrections staff organise only when they name the case manager, who is kept informed (C.07.05)', () => {
    const e = expectError(() => new PureHui(huiStartInput(), caseOfficer), 'VALIDATION') as ValidationError;
    assert.deepEqual(
      e.fieldErrors.map((f) => f.field),
      ['caseManagerId'],
    );
    const h = new PureHui(namingCaseManager(cm), caseOfficer);
    assert.equal(h.state.caseManagerId, cm.aadObjectId);
    assert.ok(c07Definition.participants(h.state).includes(cm.aadObjectId));
    // The organiser records consents; suitability stays with the case manager.
    h.run({ type: 'c07.recordPrisonerConsent', personId: 'sp1', prisonerConsent: 'given' }, caseOfficer);
    h.run({ type: 'c07.recordSupportConsent', personId: 'sp1', supportConsent: 'given' }, caseOfficer);
    expectError(
      () =>
        h.run(
          {
            type: 'c07.recordSuitability',
            personId: 'sp1',
            suitable: 'yes',
            assessment: 'ok',
            involvement: 'full',
            contactPlan: 'Phone.',
          },
          caseOfficer,
        ),
      'FORBIDDEN',
      /case manager or principal case manager at Rimutaka/,
    );
  });

  it('refuses to start for someone with no role at the site', () => {
    expectError(
      () => new PureHui(namingCaseManager(cm), outsider),
      'FORBIDDEN',
      /corrections staff at Rimutaka/,
    );
    expectError(() => new PureHui(namingCaseManager(cm), otherSiteDirector), 'FORBIDDEN');
  });
});

describe('C.07 support hui: start form validation', () => {
  function fieldsOf(input: Record<string, string>): string[] {
    const r = c07Definition.startSchema.safeParse(input);
    if (r.success) return [];
    return r.error.issues.map((i) => i.path.join('.'));
  }

  it('accepts the realistic default', () => {
    assert.deepEqual(fieldsOf(huiStartInput()), []);
  });

  it('reports each missing required answer against its own input', () => {
    const fields = fieldsOf(
      huiStartInput({ purpose: '', objectives: '  ', place: undefined, huiKind: 'picnic' }),
    );
    for (const f of ['purpose', 'objectives', 'place', 'huiKind'])
      assert.ok(fields.includes(f), `${f} in ${fields.join(',')}`);
    const r = c07Definition.startSchema.safeParse(huiStartInput({ purpose: '' }));
    assert.ok(!r.success);
    assert.equal(
      r.error.issues.find((i) => i.path[0] === 'purpose')?.message,
      'Enter the purpose of the hui.',
    );
  });

  it('keeps a support-person row whole', () => {
    assert.deepEqual(fieldsOf(huiStartInput({ sp2Contact: '' })), ['sp2Contact']);
    assert.deepEqual(fieldsOf(huiStartInput({ sp3Name: 'Ana' })), ['sp3Relationship', 'sp3Contact']);
  });

  it('requires agency, co-ordinator and attendance for a hui another agency organises', () => {
    assert.deepEqual(fieldsOf(huiStartInput({ huiKind: 'other-agency' })).sort(), [
      'agency',
      'agencyAttendance',
      'agencyCoordinator',
      'agencyCoordinatorContact',
    ]);
  });

  it('refuses a time the clocks skip on the day daylight saving starts', () => {
    const r = c07Definition.startSchema.safeParse(huiStartInput({ date: '2026-09-27', time: '02:30' }));
    assert.ok(!r.success);
    const issue = r.error.issues.find((i) => i.path[0] === 'time');
    assert.match(issue?.message ?? '', /02:30 does not exist in New Zealand on 2026-09-27/);
  });

  it('takes the pillars of a multi-select and keeps macrons in what was typed', () => {
    const r = c07Definition.startSchema.safeParse(huiStartInput({ pillars: 'oranga,whanau,oranga' }));
    assert.ok(r.success);
    assert.deepEqual(r.data.pillars, ['oranga', 'whanau']);
    assert.match(r.data.purpose, /whānau/);
  });

  it('refuses a hui in the past', () => {
    const e = expectError(
      () => new PureHui(huiStartInput({ date: '2026-03-01' })),
      'VALIDATION',
    ) as ValidationError;
    assert.equal(e.fieldErrors[0]?.field, 'date');
  });
});

describe('C.07 support hui: tasks', () => {
  it('gives the case manager an outcome task available from the end of the hui, until done', () => {
    const h = signedOffHui();
    const task = h.app.openTasks.find((t) => t.key === 'c07:outcome');
    assert.ok(task);
    assert.equal(task.assignee, cm.aadObjectId);
    assert.equal(task.card, 'c07.outcome');
    assert.equal(task.availableFrom?.toISOString(), h.state.schedule?.endsAt);
    assert.equal(task.availableFrom?.toISOString(), '2026-04-04T23:30:00.000Z');
    h.run({ type: 'c07.recordOutcome', outcomeActions: 'Plan agreed.', iomsRecorded: 'true' }, cm, AFTER_HUI);
    assert.deepEqual(h.app.openTasks, []);
    assert.equal(h.app.closed, true);
  });

  it('gives the manager role at the site the sign-off task and the case manager each open question', () => {
    const h = sentHui();
    assert.deepEqual(
      h.app.openTasks.map((t) => [t.key, t.roles.join(), t.site]),
      [['c07:sign-off', 'prison-director', HUI_SITE]],
    );
    h.run({ type: 'c07.askQuestion', question: 'Who supervises?' }, director);
    const q = h.app.openTasks.find((t) => t.key.startsWith('c07:question:'));
    assert.equal(q?.assignee, cm.aadObjectId);
    assert.deepEqual(q?.params, { questionId: h.state.questions[0]!.id });
  });

  it('keeps the question thread on the hui', () => {
    const h = sentHui();
    h.run({ type: 'c07.askQuestion', question: 'Who supervises?' }, director);
    h.run({ type: 'c07.answerQuestion', questionId: h.state.questions[0]!.id, answer: 'Sam Lee.' }, cm);
    expectError(
      () => h.run({ type: 'c07.answerQuestion', questionId: h.state.questions[0]!.id, answer: 'Again' }, cm),
      'ALREADY_DONE',
    );
    h.run({ type: 'c07.askQuestion', question: 'And the second officer?' }, deputyDirector);
    assert.deepEqual(
      h.state.questions.map((q) => [q.question, q.answer, q.asked.name]),
      [
        ['Who supervises?', 'Sam Lee.', 'Helen Brown'],
        ['And the second officer?', undefined, 'Rangi Tau'],
      ],
    );
  });

  it('records the third-party contact note for IOMS with the suitability assessment', () => {
    const h = new PureHui();
    clearAllSupportPeople(h);
    const note = h.state.supportPeople[0]!.suitability!.contactNote;
    assert.match(note, /Mere Ngata \(Mother\)/);
    assert.match(
      note,
      /Prisoner consented to contact; Mere Ngata consented to take part; assessed as suitable/,
    );
  });
});

describe('C.07 support hui: entry staff outside Corrections (C.07.03)', () => {
  const atProvider = () =>
    signedOffHui(
      huiStartInput({ locationType: 'agency-office', place: 'Ministry of Social Development, Upper Hutt' }),
    );

  it('asks the case manager to give the copy to an agency office’s entry staff and records who received it', () => {
    const h = atProvider();
    const task = h.app.openTasks.find((t) => t.key === 'c07:external-copy');
    assert.equal(task?.assignee, cm.aadObjectId);
    h.run({ type: 'c07.recordExternalCopy', copySentTo: 'Reception, MSD Upper Hutt (emailed)' }, cm);
    assert.equal(
      h.app.openTasks.find((t) => t.key === 'c07:external-copy'),
      undefined,
    );
    assert.equal(h.state.externalCopies[0]?.to, 'Reception, MSD Upper Hutt (emailed)');
  });

  it('asks again after a change is signed off again', () => {
    const h = atProvider();
    h.run({ type: 'c07.recordExternalCopy', copySentTo: 'Reception (emailed)' }, cm);
    h.run(
      {
        type: 'c07.reschedule',
        newDate: '2026-04-12',
        newTime: '13:30',
        newDuration: '60',
        rescheduleReason: 'Room clash.',
      },
      cm,
    );
    h.run({ type: 'c07.signOff' }, director);
    assert.ok(h.app.openTasks.some((t) => t.key === 'c07:external-copy'));
  });

  it('is not asked for a hui in a prison, whose entry staff get the channel post', () => {
    const h = signedOffHui();
    assert.equal(
      h.app.openTasks.find((t) => t.key === 'c07:external-copy'),
      undefined,
    );
    expectError(() => h.run({ type: 'c07.recordExternalCopy', copySentTo: 'Gate' }, cm), 'WRONG_STAGE');
  });
});

describe('C.07 support hui: notifications', () => {
  it('posts to the entry-staff channel on sign-off under the hui’s thread key', () => {
    const h = sentHui();
    const [signed] = h.run({ type: 'c07.signOff' }, director);
    const ns = c07Definition.notifications(h.app, signed!);
    const post = ns.find((n) => n.target.kind === 'channel');
    assert.deepEqual(post?.target, { kind: 'channel', purpose: 'entry-staff', site: HUI_SITE });
    assert.equal(post?.threadKey, entryThreadKey(h.app._id));
    assert.equal(post?.cardRef?.name, 'c07.entrypost');
  });

  it('tells everyone who was told when a hui is cancelled', () => {
    const h = signedOffHui(namingCaseManager(cm));
    const [cancelled] = h.run({ type: 'c07.cancel', cancelReason: 'Lockdown.' }, cm);
    const targets = c07Definition.notifications(h.app, cancelled!).map((n) => n.target);
    assert.deepEqual(targets, [
      { kind: 'role', roles: ['prison-director'], site: HUI_SITE },
      { kind: 'channel', purpose: 'entry-staff', site: HUI_SITE },
    ]);
  });

  it('does not tell the manager or entry staff about a cancellation before they were involved', () => {
    const h = new PureHui(namingCaseManager(cm), caseOfficer);
    const [cancelled] = h.run({ type: 'c07.cancel', cancelReason: 'Prisoner released early.' }, caseOfficer);
    assert.deepEqual(
      c07Definition.notifications(h.app, cancelled!).map((n) => n.target),
      [{ kind: 'person', aadObjectId: cm.aadObjectId }],
    );
  });
});

describe('C.07 support hui: chat commands', () => {
  const match = (text: string) =>
    c07Definition.chatCommands.map((c) => c.match(text)).find((x) => x !== null) ?? null;
  it('understands new hui, cancel hui <id> and reschedule hui <id>', () => {
    assert.deepEqual(match('new hui'), { kind: 'start', workflow: 'C07' });
    assert.deepEqual(match('  New Hui '), { kind: 'start', workflow: 'C07' });
    assert.deepEqual(match('cancel hui hui-2026-00012'), {
      kind: 'card',
      card: 'c07.cancel',
      applicationId: 'HUI-2026-00012',
    });
    assert.deepEqual(match('reschedule hui HUI-2026-00012'), {
      kind: 'card',
      card: 'c07.reschedule',
      applicationId: 'HUI-2026-00012',
    });
    assert.equal(match('cancel hui'), null);
    assert.equal(match('new huis'), null);
    assert.equal(match('cancel hui MIX-2026-00001'), null);
  });
});
