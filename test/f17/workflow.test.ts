import { NO_RECORDS } from '../../services/workflow/records';
import assert from 'node:assert/strict';
import type { Actor } from '../../services/directory/person';
import { DomainError, ValidationError } from '../../services/errors';
import type { ErrorKind } from '../../services/errors';
import { zodFieldErrors } from '../../services/validation';
import { dedupeKeyOf, f17Definition } from '../../services/workflows/f17/definition';
import { EV } from '../../services/workflows/f17/evolve';
import type { F17Stage } from '../../services/workflows/f17/model';
import {
  F17Fixture,
  SITE,
  answers,
  decisionInput,
  fixtures,
  people,
  review,
  startInput,
} from '../fixtures/f17';

/** Runs a raw command the way the engine does: zod first, then the workflow's decide. */
function exec(f: F17Fixture, actor: Actor, raw: Record<string, unknown>) {
  const parsed = f17Definition.commandSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  return f.run(actor, raw);
}

const consent = {
  type: 'f17.recordConsent',
  consentObtainedBy: 'Aroha Ngata',
  consentDate: '2026-03-02',
  consentFormReference: 'IOMS doc 55120',
};
const submit = (section: keyof typeof answers) => ({
  type: 'f17.submitSection',
  section,
  ...answers[section],
});
const reviewCmd = { type: 'f17.submitReview', ...review };
const approve = { type: 'f17.decide', outcome: 'approved', ...decisionInput };
const decline = { type: 'f17.decide', outcome: 'declined', ...decisionInput };
const informed = { type: 'f17.confirmPrisonerInformed', informedOn: '2026-03-03', howInformed: 'In person' };
const uploaded = { type: 'f17.confirmConsentFormUploaded', uploadReference: 'IOMS doc 55120' };
const withdraw = { type: 'f17.withdrawConsent', withdrawalNote: 'He no longer wants to attend.' };
const nameChaplain = {
  type: 'f17.nameContributor',
  contributorId: people.chaplain.aadObjectId,
  contributorName: people.chaplain.name,
  contributorDescription: 'prison chaplain',
};

type Expect = { events: string[]; stage: F17Stage } | { error: ErrorKind; message?: RegExp };
type Case = [
  name: string,
  given: () => F17Fixture,
  actor: Actor,
  command: Record<string, unknown>,
  expect: Expect,
];

const CASE_ROLES_MSG = /^This is for case manager, principal case manager or case officer at Arohata\.$/;

const cases: Case[] = [
  // Consent (F.17.02: before any stakeholder is engaged)
  [
    'case manager records consent',
    fixtures.awaitingConsent,
    people.caseManager,
    consent,
    { events: [EV.consentRecorded], stage: 'stakeholder-input' },
  ],
  [
    'case officer records consent',
    fixtures.awaitingConsent,
    people.caseOfficer,
    consent,
    { events: [EV.consentRecorded], stage: 'stakeholder-input' },
  ],
  [
    'intelligence may not record consent',
    fixtures.awaitingConsent,
    people.intelligence,
    consent,
    { error: 'FORBIDDEN', message: CASE_ROLES_MSG },
  ],
  [
    'a case manager at another site may not record consent',
    fixtures.awaitingConsent,
    people.otherSite,
    consent,
    { error: 'FORBIDDEN', message: CASE_ROLES_MSG },
  ],
  [
    'consent is recorded once',
    fixtures.consented,
    people.caseManager2,
    consent,
    { error: 'ALREADY_DONE', message: /Aroha Ngata/ },
  ],
  [
    'consent cannot be dated in the future',
    fixtures.awaitingConsent,
    people.caseManager,
    { ...consent, consentDate: '2026-03-10' },
    { error: 'VALIDATION' },
  ],
  [
    'consent needs the form reference',
    fixtures.awaitingConsent,
    people.caseManager,
    { ...consent, consentFormReference: '  ' },
    { error: 'VALIDATION' },
  ],
  // Guard: consent before input
  [
    'no section before consent',
    fixtures.awaitingConsent,
    people.caseManager,
    submit('caseManagement'),
    { error: 'CONSENT_REQUIRED' },
  ],
  [
    'no draft before consent',
    fixtures.awaitingConsent,
    people.intelligence,
    { type: 'f17.saveSectionDraft', section: 'intelligence' },
    { error: 'CONSENT_REQUIRED' },
  ],
  [
    'no contributor before consent',
    fixtures.awaitingConsent,
    people.caseManager,
    nameChaplain,
    { error: 'CONSENT_REQUIRED' },
  ],
  [
    'no review before consent',
    fixtures.awaitingConsent,
    people.csm,
    reviewCmd,
    { error: 'CONSENT_REQUIRED' },
  ],
  // Sections and their roles
  [
    'case manager submits case management',
    fixtures.consented,
    people.caseManager,
    submit('caseManagement'),
    { events: [EV.sectionSubmitted], stage: 'stakeholder-input' },
  ],
  [
    'case officer may not answer case management',
    fixtures.consented,
    people.caseOfficer,
    submit('caseManagement'),
    { error: 'FORBIDDEN', message: /^This is for case manager or principal case manager at Arohata\.$/ },
  ],
  [
    'principal corrections officer submits the unit section',
    fixtures.consented,
    people.pco,
    submit('unit'),
    { events: [EV.sectionSubmitted], stage: 'stakeholder-input' },
  ],
  [
    'case manager may not answer the unit section',
    fixtures.consented,
    people.caseManager,
    submit('unit'),
    { error: 'FORBIDDEN', message: /case officer or principal corrections officer at Arohata/ },
  ],
  [
    'intelligence submits the intelligence section',
    fixtures.consented,
    people.intelligence,
    submit('intelligence'),
    { events: [EV.sectionSubmitted], stage: 'stakeholder-input' },
  ],
  [
    'intelligence at another site may not',
    fixtures.consented,
    people.otherSite,
    submit('intelligence'),
    { error: 'FORBIDDEN', message: /^This is for intelligence at Arohata\.$/ },
  ],
  [
    'the reviewing manager may not answer intelligence',
    fixtures.consented,
    people.csm,
    submit('intelligence'),
    { error: 'FORBIDDEN' },
  ],
  [
    'psychologist gives optional input',
    fixtures.consented,
    people.psychologist,
    submit('psychology'),
    { events: [EV.sectionSubmitted], stage: 'stakeholder-input' },
  ],
  [
    'a draft keeps the stage',
    fixtures.consented,
    people.caseOfficer,
    { type: 'f17.saveSectionDraft', section: 'unit', observations: 'So far settled.' },
    { events: [EV.sectionDraftSaved], stage: 'stakeholder-input' },
  ],
  [
    'submission checks every required answer',
    fixtures.consented,
    people.caseOfficer,
    { type: 'f17.submitSection', section: 'unit', observations: 'Settled.' },
    { error: 'VALIDATION' },
  ],
  [
    'the first submission wins',
    fixtures.partlyAnswered,
    people.caseManager2,
    submit('caseManagement'),
    { error: 'ALREADY_DONE', message: /already submitted by Aroha Ngata/ },
  ],
  [
    'no draft over a submitted section',
    fixtures.partlyAnswered,
    people.caseManager2,
    { type: 'f17.saveSectionDraft', section: 'caseManagement' },
    { error: 'ALREADY_DONE' },
  ],
  [
    'the last required section moves to review',
    () =>
      F17Fixture.start()
        .consent()
        .submit('caseManagement', people.caseManager)
        .submit('unit', people.caseOfficer),
    people.intelligence,
    submit('intelligence'),
    { events: [EV.sectionSubmitted], stage: 'review' },
  ],
  [
    'unknown section is refused',
    fixtures.consented,
    people.caseManager,
    { type: 'f17.submitSection', section: 'finance' },
    { error: 'VALIDATION' },
  ],
  // Others named by the case manager
  [
    'case manager names a contributor',
    fixtures.consented,
    people.caseManager,
    nameChaplain,
    { events: [EV.contributorNamed], stage: 'stakeholder-input' },
  ],
  [
    'intelligence may not name a contributor',
    fixtures.consented,
    people.intelligence,
    nameChaplain,
    { error: 'FORBIDDEN' },
  ],
  [
    'a contributor is named once',
    fixtures.withContributor,
    people.caseOfficer,
    nameChaplain,
    { error: 'ALREADY_DONE' },
  ],
  [
    'the named contributor answers',
    fixtures.withContributor,
    people.chaplain,
    submit('other'),
    { events: [EV.sectionSubmitted], stage: 'stakeholder-input' },
  ],
  [
    'someone not named may not answer as other',
    fixtures.withContributor,
    people.stranger,
    submit('other'),
    { error: 'FORBIDDEN', message: /named for further input/ },
  ],
  // Guard: every required section before review
  [
    'no review while sections are missing',
    fixtures.partlyAnswered,
    people.csm,
    reviewCmd,
    { error: 'WRONG_STAGE', message: /Still waiting for: Unit staff, Intelligence \(restricted\)\./ },
  ],
  [
    'custodial systems manager reviews',
    fixtures.readyForReview,
    people.csm,
    reviewCmd,
    { events: [EV.reviewSubmitted], stage: 'decision' },
  ],
  [
    'security manager reviews',
    fixtures.readyForReview,
    people.securityManager,
    { ...reviewCmd, recommendation: 'not-supported' },
    { events: [EV.reviewSubmitted], stage: 'decision' },
  ],
  [
    'the general manager may not review',
    fixtures.readyForReview,
    people.gm,
    reviewCmd,
    {
      error: 'FORBIDDEN',
      message: /^This is for custodial systems manager or security manager at Arohata\.$/,
    },
  ],
  [
    'a custodial systems manager at another site may not review',
    fixtures.readyForReview,
    people.otherSite,
    reviewCmd,
    { error: 'FORBIDDEN' },
  ],
  [
    'the review needs supported or not supported',
    fixtures.readyForReview,
    people.csm,
    { ...reviewCmd, recommendation: 'maybe' },
    { error: 'VALIDATION' },
  ],
  [
    'the review is submitted once',
    fixtures.awaitingDecision,
    people.securityManager,
    reviewCmd,
    { error: 'ALREADY_DONE', message: /Hemi Walker/ },
  ],
  [
    'optional input may still arrive during review',
    fixtures.readyForReview,
    people.psychologist,
    submit('psychology'),
    { events: [EV.sectionSubmitted], stage: 'review' },
  ],
  // Guard: review before decision
  ['no decision before the review', fixtures.readyForReview, people.gm, approve, { error: 'WRONG_STAGE' }],
  [
    'general manager approves',
    fixtures.awaitingDecision,
    people.gm,
    approve,
    { events: [EV.decided, EV.fileNoteRecorded], stage: 'approved' },
  ],
  [
    'general manager declines',
    fixtures.awaitingDecision,
    people.gm,
    decline,
    { events: [EV.decided, EV.fileNoteRecorded], stage: 'declined' },
  ],
  [
    'reasons are required',
    fixtures.awaitingDecision,
    people.gm,
    { ...approve, reasons: '' },
    { error: 'VALIDATION' },
  ],
  [
    'the reviewer may not decide',
    fixtures.awaitingDecision,
    people.csm,
    approve,
    { error: 'FORBIDDEN', message: /^This is for general manager custodial at Arohata\.$/ },
  ],
  [
    'a general manager at another site may not decide',
    fixtures.awaitingDecision,
    people.otherSite,
    approve,
    { error: 'FORBIDDEN' },
  ],
  [
    'someone with no roles may not decide',
    fixtures.awaitingDecision,
    people.stranger,
    approve,
    { error: 'FORBIDDEN' },
  ],
  // Guard: nothing after the decision
  [
    'a second decision is refused with who and when',
    fixtures.approved,
    people.gm,
    decline,
    { error: 'ALREADY_DONE', message: /^Already approved by Kiri Te Rangi at Tue 3 Mar 2026, 4:00 PM\.$/ },
  ],
  [
    'no section input after the decision',
    fixtures.approved,
    people.psychologist,
    submit('psychology'),
    { error: 'CLOSED' },
  ],
  [
    'no contributor after the decision',
    fixtures.approved,
    people.caseManager,
    nameChaplain,
    { error: 'CLOSED' },
  ],
  [
    'withdrawal after an approval stops it (F.17.04: at any time)',
    fixtures.approved,
    people.caseManager,
    withdraw,
    { events: [EV.consentWithdrawn, EV.fileNoteRecorded], stage: 'withdrawn' },
  ],
  ['no withdrawal from a declined mix', fixtures.declined, people.caseManager, withdraw, { error: 'CLOSED' }],
  // Follow-ups (F.17.03)
  [
    'the prisoner is told only after a decision',
    fixtures.awaitingDecision,
    people.caseManager,
    informed,
    { error: 'WRONG_STAGE' },
  ],
  [
    'case officer confirms telling the prisoner of a decline: closed',
    fixtures.declined,
    people.caseOfficer,
    informed,
    { events: [EV.prisonerInformed], stage: 'closed' },
  ],
  [
    'telling the prisoner is confirmed once',
    () => fixtures.declined().informed(),
    people.caseOfficer,
    informed,
    { error: 'ALREADY_DONE' },
  ],
  [
    'intelligence may not confirm telling the prisoner',
    fixtures.declined,
    people.intelligence,
    informed,
    { error: 'FORBIDDEN', message: CASE_ROLES_MSG },
  ],
  [
    'the date told cannot be before the decision',
    fixtures.declined,
    people.caseManager,
    { ...informed, informedOn: '2026-03-01' },
    { error: 'VALIDATION' },
  ],
  [
    'approval still needs the consent form after telling the prisoner',
    fixtures.approved,
    people.caseManager,
    informed,
    { events: [EV.prisonerInformed], stage: 'approved' },
  ],
  [
    'no consent form upload after a decline',
    fixtures.declined,
    people.caseManager,
    uploaded,
    { error: 'WRONG_STAGE' },
  ],
  [
    'no consent form upload before the decision',
    fixtures.awaitingDecision,
    people.caseManager,
    uploaded,
    { error: 'WRONG_STAGE' },
  ],
  [
    'approval closes when told and uploaded',
    () => fixtures.approved().informed(),
    people.caseManager,
    uploaded,
    { events: [EV.consentFormUploadConfirmed], stage: 'closed' },
  ],
  [
    'the upload is confirmed once',
    fixtures.closedApproved,
    people.caseOfficer,
    uploaded,
    { error: 'ALREADY_DONE' },
  ],
  // Withdrawal (F.17.04) and the guard: nothing after it
  [
    'withdrawal while awaiting consent',
    fixtures.awaitingConsent,
    people.caseOfficer,
    withdraw,
    { events: [EV.consentWithdrawn, EV.fileNoteRecorded], stage: 'withdrawn' },
  ],
  [
    'withdrawal during input',
    fixtures.partlyAnswered,
    people.caseManager,
    withdraw,
    { events: [EV.consentWithdrawn, EV.fileNoteRecorded], stage: 'withdrawn' },
  ],
  [
    'withdrawal while awaiting the decision',
    fixtures.awaitingDecision,
    people.caseOfficer,
    withdraw,
    { events: [EV.consentWithdrawn, EV.fileNoteRecorded], stage: 'withdrawn' },
  ],
  [
    'withdrawal needs a note',
    fixtures.partlyAnswered,
    people.caseManager,
    { ...withdraw, withdrawalNote: '' },
    { error: 'VALIDATION' },
  ],
  [
    'intelligence may not record a withdrawal',
    fixtures.partlyAnswered,
    people.intelligence,
    withdraw,
    { error: 'FORBIDDEN' },
  ],
  [
    'a case officer at another site may not record a withdrawal',
    fixtures.partlyAnswered,
    people.otherSite,
    withdraw,
    { error: 'FORBIDDEN' },
  ],
  [
    'withdrawal is recorded once',
    fixtures.withdrawn,
    people.caseManager,
    withdraw,
    { error: 'ALREADY_DONE' },
  ],
  [
    'no consent after withdrawal',
    () => F17Fixture.start().withdrawn(),
    people.caseManager,
    consent,
    { error: 'CLOSED', message: /withdrew consent/ },
  ],
  [
    'no section after withdrawal',
    fixtures.withdrawn,
    people.caseOfficer,
    submit('unit'),
    { error: 'CLOSED' },
  ],
  [
    'no review after withdrawal',
    () => fixtures.readyForReview().withdrawn(),
    people.csm,
    reviewCmd,
    { error: 'CLOSED' },
  ],
  [
    'no decision after withdrawal',
    () => fixtures.awaitingDecision().withdrawn(),
    people.gm,
    approve,
    { error: 'CLOSED' },
  ],
  ['no follow-up after withdrawal', fixtures.withdrawn, people.caseManager, informed, { error: 'CLOSED' }],
];

describe('F.17 workflow: every transition, guard and role check', () => {
  for (const [name, given, actor, command, expect] of cases) {
    it(name, () => {
      const f = given();
      const before = f.app.version;
      if ('events' in expect) {
        const events = exec(f, actor, command);
        assert.deepEqual(
          events.map((e) => e.type),
          expect.events,
        );
        assert.equal(f.app.stage, expect.stage);
        assert.equal(f.app.version, before + expect.events.length);
      } else {
        assert.throws(
          () => exec(f, actor, command),
          (e: unknown) => {
            assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
            assert.equal(e.kind, expect.error, e.userMessage);
            if (expect.message) assert.match(e.userMessage, expect.message);
            return true;
          },
        );
        assert.equal(f.app.version, before, 'nothing was recorded');
      }
    });
  }
});

describe('F.17 start', () => {
  const ctx = (actor: Actor) => ({ actor, now: new Date('2026-03-02T21:00:00Z'), records: NO_RECORDS });
  const parse = (o: Partial<Record<string, string>>) => f17Definition.startSchema.safeParse(startInput(o));

  it('opens at awaiting consent with a dedupe key of prisoner and normalised programme', () => {
    const f = F17Fixture.start();
    assert.equal(f.app.stage, 'awaiting-consent');
    assert.equal(f.app.dedupeKey, '80012345|te reo māori for beginners');
    assert.equal(dedupeKeyOf('80012345', '  TE REO  Māori for Beginners '), f.app.dedupeKey);
    assert.notEqual(dedupeKeyOf('80012345', 'Te reo Māori level 2'), f.app.dedupeKey);
  });

  for (const who of ['caseManager', 'caseOfficer'] as const) {
    it(`a ${who} at the site may start one`, () => {
      const input = f17Definition.startSchema.parse(startInput());
      assert.equal(f17Definition.start(input, ctx(people[who])).header.site, SITE);
    });
  }
  for (const who of ['intelligence', 'gm', 'otherSite', 'stranger'] as const) {
    it(`${who} may not start one`, () => {
      const input = f17Definition.startSchema.parse(startInput());
      assert.throws(
        () => f17Definition.start(input, ctx(people[who])),
        (e: unknown) =>
          e instanceof DomainError && e.kind === 'FORBIDDEN' && CASE_ROLES_MSG.test(e.userMessage),
      );
    });
  }

  it('coerces and trims card strings', () => {
    const r = parse({
      prisonerId: ' 80012345 ',
      participants: ' 12 ',
      facilitatorId: '',
      programmeName: '  Kapa haka ',
    });
    assert.ok(r.success);
    assert.equal(r.data.participants, 12);
    assert.equal(r.data.programmeName, 'Kapa haka');
    assert.deepEqual(r.data.facilitator, { name: people.facilitator.name });
  });

  it('keeps te reo Māori macrons in stored data', () => {
    const r = parse({});
    assert.ok(r.success);
    assert.equal(r.data.programmeKind, 'te ao Māori');
    assert.equal(r.data.prisonerName, 'Tama Rāwiri');
  });

  const invalid: Array<[string, Partial<Record<string, string>>, string, RegExp]> = [
    ['a sentenced prisoner', { accusedStatus: 'sentenced' }, 'accusedStatus', /only for accused \(remand\)/],
    [
      'no facilitator at all',
      { facilitatorId: undefined, facilitatorName: undefined },
      'facilitatorName',
      /facilitator/,
    ],
    ['zero participants', { participants: '0' }, 'participants', /at least one/],
    ['participants not a number', { participants: 'ten' }, 'participants', /number/],
    ['an impossible court date', { courtDate: '2026-02-30' }, 'courtDate', /court date/],
    ['an unknown programme kind', { programmeKind: 'offence-based' }, 'programmeKind', /non-offence based/],
    ['an empty name', { prisonerName: '   ' }, 'prisonerName', /name/],
    [
      'a facilitator id that is a name',
      { facilitatorId: 'Rangi Pōmare' },
      'facilitatorId',
      /Choose a person/,
    ],
  ];
  for (const [name, o, field, message] of invalid) {
    it(`refuses ${name}, with the message on ${field}`, () => {
      const r = parse(o);
      assert.ok(!r.success);
      const errors = zodFieldErrors(r.error);
      const e = errors.find((x) => x.field === field);
      assert.ok(e, `no error on ${field}: ${JSON.stringify(errors)}`);
      assert.match(e.message, message);
    });
  }
});

describe('F.17 tasks', () => {
  const keys = (f: F17Fixture) => f.app.openTasks.map((t) => t.key).sort();
  it('asks for consent first, and nothing else', () => {
    assert.deepEqual(keys(fixtures.awaitingConsent()), ['consent']);
  });
  it('after consent: every section, required and optional', () => {
    assert.deepEqual(keys(fixtures.consented()), [
      'section:caseManagement',
      'section:health',
      'section:intelligence',
      'section:pouArahi',
      'section:psychology',
      'section:unit',
    ]);
  });
  it('a named contributor has their own task', () => {
    const t = fixtures
      .withContributor()
      .app.openTasks.find((x) => x.assignee === people.chaplain.aadObjectId);
    assert.equal(t?.card, 'f17.section');
    assert.deepEqual(t?.params, { section: 'other' });
    assert.ok(fixtures.withContributor().app.taskKeys.includes(`person:${people.chaplain.aadObjectId}`));
  });
  it('review once the required sections are in; optional ones offered until then', () => {
    assert.deepEqual(keys(fixtures.readyForReview()), [
      'review',
      'section:health',
      'section:pouArahi',
      'section:psychology',
    ]);
  });
  it('decision task after the review; optional input no longer asked', () => {
    assert.deepEqual(keys(fixtures.awaitingDecision()), ['decide']);
    assert.deepEqual(fixtures.awaitingDecision().app.taskKeys, ['role:Arohata:general-manager-custodial']);
  });
  it('approval: tell the prisoner and upload the consent form', () => {
    assert.deepEqual(keys(fixtures.approved()), ['consentForm', 'informPrisoner']);
  });
  it('decline: tell the prisoner, in the case manager’s my tasks until done', () => {
    const f = fixtures.declined();
    assert.deepEqual(keys(f), ['informPrisoner']);
    assert.ok(f.app.taskKeys.includes('role:Arohata:case-manager'));
    f.informed();
    assert.deepEqual(keys(f), []);
    assert.equal(f.app.closed, true);
  });
  it('nothing is open after withdrawal', () => {
    assert.deepEqual(keys(fixtures.withdrawn()), []);
    assert.equal(fixtures.withdrawn().app.closed, true);
  });
});

describe('F.17 notifications', () => {
  const of = (f: F17Fixture, type: string) =>
    f.notified.filter((n) => n.event.type === type).flatMap((n) => n.notifications);

  it('nobody is asked for input before consent', () => {
    const f = fixtures.awaitingConsent();
    assert.deepEqual(
      f.notified.flatMap((n) => n.notifications),
      [],
    );
  });
  it('on consent, each section card goes to its role holders at the site', () => {
    const ns = of(fixtures.consented(), EV.consentRecorded);
    assert.deepEqual(
      ns.map((n) => [n.target, n.cardRef?.params?.section]),
      [
        [{ kind: 'role', roles: ['case-manager', 'principal-case-manager'], site: SITE }, 'caseManagement'],
        [{ kind: 'role', roles: ['case-officer', 'principal-corrections-officer'], site: SITE }, 'unit'],
        [{ kind: 'role', roles: ['intelligence'], site: SITE }, 'intelligence'],
        [{ kind: 'role', roles: ['psychologist'], site: SITE }, 'psychology'],
        [{ kind: 'role', roles: ['health'], site: SITE }, 'health'],
        [{ kind: 'role', roles: ['pou-arahi'], site: SITE }, 'pouArahi'],
      ],
    );
    assert.ok(ns.every((n) => n.cardRef?.name === 'f17.section'));
  });
  it('a named contributor is asked 1:1', () => {
    const [n] = of(fixtures.withContributor(), EV.contributorNamed);
    assert.deepEqual(n?.target, { kind: 'person', aadObjectId: people.chaplain.aadObjectId });
  });
  it('the review card goes out once, when the last required section arrives', () => {
    const f = fixtures.readyForReview();
    const review = of(f, EV.sectionSubmitted).filter((n) => n.key === 'review');
    assert.equal(review.length, 1);
    assert.deepEqual(review[0]?.target, {
      kind: 'role',
      roles: ['custodial-systems-manager', 'security-manager'],
      site: SITE,
    });
    f.submit('psychology', people.psychologist);
    assert.equal(of(f, EV.sectionSubmitted).filter((n) => n.key === 'review').length, 1);
  });
  it('the decision card goes to the general manager custodial after the review', () => {
    const [n] = of(fixtures.awaitingDecision(), EV.reviewSubmitted);
    assert.deepEqual(n?.target, { kind: 'role', roles: ['general-manager-custodial'], site: SITE });
    assert.equal(n?.cardRef?.name, 'f17.decision');
  });
  it('approval: case people, facilitator, channel without details, scheduling coordinator', () => {
    const ns = of(fixtures.approved(), EV.decided);
    const byKey = new Map(ns.map((n) => [n.key, n]));
    for (const p of [people.caseManager, people.caseOfficer]) {
      assert.equal(byKey.get(`decision:${p.aadObjectId}`)?.cardRef?.name, 'f17.informPrisoner');
      assert.equal(byKey.get(`consentForm:${p.aadObjectId}`)?.cardRef?.name, 'f17.consentForm');
    }
    assert.deepEqual(byKey.get('facilitator')?.target, {
      kind: 'person',
      aadObjectId: people.facilitator.aadObjectId,
    });
    assert.deepEqual(byKey.get('channel')?.target, {
      kind: 'channel',
      purpose: 'custodial-decisions',
      site: SITE,
    });
    assert.equal(byKey.get('channel')?.cardRef?.name, 'f17.channelDecision');
    assert.deepEqual(byKey.get('scheduling')?.target, {
      kind: 'role',
      roles: ['scheduling-coordinator'],
      site: SITE,
    });
    assert.equal(
      byKey.get('scheduling')?.text,
      'Tama Rāwiri (80012345) can now be scheduled for Te reo Māori for beginners.',
    );
    for (const n of ns) assert.ok(!n.text.includes('INTEL-7Q'));
  });
  it('decline: no scheduling, no consent form; the file note says declined', () => {
    const f = fixtures.declined();
    const ns = of(f, EV.decided);
    assert.ok(!ns.some((n) => n.key === 'scheduling' || n.key.startsWith('consentForm:')));
    assert.match(f.app.state.fileNotes[0]?.text ?? '', /declined/);
  });
  it('approval file note names the programme', () => {
    assert.match(fixtures.approved().app.state.fileNotes[0]?.text ?? '', /approved .*|was approved/);
    assert.match(fixtures.approved().app.state.fileNotes[0]?.text ?? '', /Te reo Māori for beginners/);
  });
  it('without a facilitator account, the site’s facilitators are told', () => {
    const f = F17Fixture.start({ facilitatorId: undefined })
      .consent()
      .requiredSections()
      .reviewed()
      .decided('approved');
    const n = of(f, EV.decided).find((x) => x.key === 'facilitator');
    assert.deepEqual(n?.target, { kind: 'role', roles: ['programme-facilitator'], site: SITE });
  });
  it('withdrawal while awaiting the decision also tells the reviewers and the decision maker', () => {
    const f = fixtures.awaitingDecision().withdrawn();
    const n = of(f, EV.consentWithdrawn).find((x) => x.target.kind === 'role');
    const roles = (n?.target as { roles: string[] }).roles;
    for (const r of [
      'custodial-systems-manager',
      'security-manager',
      'general-manager-custodial',
      'intelligence',
    ]) {
      assert.ok(roles.includes(r), r);
    }
  });

  it('withdrawal before consent tells only the case team', () => {
    const f = F17Fixture.start().withdrawn();
    const n = of(f, EV.consentWithdrawn).find((x) => x.target.kind === 'role');
    assert.deepEqual(n?.target, {
      kind: 'role',
      roles: ['case-manager', 'principal-case-manager', 'case-officer'],
      site: SITE,
    });
  });

  it('withdrawal tells everyone involved and every role that was sent a card or had an open task', () => {
    const f = fixtures.withdrawn();
    const ns = of(f, EV.consentWithdrawn);
    const persons = ns
      .filter((n) => n.target.kind === 'person')
      .map((n) => (n.target as { aadObjectId: string }).aadObjectId)
      .sort();
    assert.deepEqual(persons, [people.caseManager.aadObjectId, people.facilitator.aadObjectId].sort());
    const roles = ns.find((n) => n.target.kind === 'role');
    assert.deepEqual(roles?.target, {
      kind: 'role',
      roles: [
        'case-officer',
        'principal-corrections-officer',
        'intelligence',
        'psychologist',
        'health',
        'pou-arahi',
        'case-manager',
        'principal-case-manager',
      ],
      site: SITE,
    });
    assert.ok(ns.every((n) => n.cardRef?.name === 'f17.withdraw'));
    assert.match(f.app.state.fileNotes[0]?.text ?? '', /withdrew consent/);
  });
});

describe('F.17 chat commands', () => {
  const match = (text: string) =>
    f17Definition.chatCommands.map((c) => c.match(text)).find((x) => x !== null) ?? null;
  it('recognises its commands', () => {
    assert.deepEqual(match('new mix assessment'), { kind: 'start', workflow: 'F17' });
    assert.deepEqual(match('  New  Mix Assessment '), { kind: 'start', workflow: 'F17' });
    assert.deepEqual(match('withdraw consent mix-2026-00042'), {
      kind: 'card',
      card: 'f17.withdraw',
      applicationId: 'MIX-2026-00042',
    });
    assert.deepEqual(match('disclosure MIX-2026-00042'), {
      kind: 'card',
      card: 'f17.disclosure',
      applicationId: 'MIX-2026-00042',
    });
  });
  it('ignores everything else', () => {
    for (const t of ['new mix', 'disclosure', 'withdraw consent HUI-2026-00001', 'status MIX-2026-00042'])
      assert.equal(match(t), null, t);
  });
});

describe('F.17 evolve and participants', () => {
  it('ignores event types it does not know', () => {
    const s = fixtures.consented().app.state;
    assert.deepEqual(
      f17Definition.evolve(s, {
        type: 'other.thing',
        payload: {},
        actor: { aadObjectId: 'x', name: 'x' },
        at: new Date(),
        seq: 99,
      }),
      s,
    );
  });
  it('the facilitator and named contributors take part', () => {
    const p = fixtures.withContributor().app.participants;
    assert.ok(p.includes(people.facilitator.aadObjectId));
    assert.ok(p.includes(people.chaplain.aadObjectId));
  });
});
