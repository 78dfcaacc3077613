import assert from 'node:assert/strict';
import { FixedClock } from '../../services/clock';
import type { Actor, Person } from '../../services/directory/person';
import { ROLES } from '../../services/directory/roles';
import type { Role } from '../../services/directory/roles';
import type { OutboxMessage } from '../../services/store/types';
import type { AuditEvent } from '../../services/workflow/domain';
import { verifyAudit } from '../../services/audit/verify';
import { huiStartInput } from '../fixtures/c07';
import {
  answers,
  decisionInput,
  INTEL_MARKER,
  NON_ASSOCIATION_MARKER,
  review,
  startInput,
} from '../fixtures/f17';
import { childNomination, nomination, steps as v01Steps } from '../fixtures/v01';
import { BotHarness, findAction, TENANT } from '../helpers/botHarness';
import { cardOf, cardText } from '../helpers/connectorStub';

/**
 * Who may do what, from the policies (F.17.02-F.17.04, C.07), written out here rather than read
 * from the code, so a wrong constant in a workflow fails this test. Every command is tried by a
 * holder of every role at the application's site, by the allowed roles at another site, by a
 * directory member with no role, and by someone not in the directory. Refused clicks also carry
 * card data claiming to be an allowed person, role, site and application: it must change nothing.
 */

const SITE = 'Arohata';
const OTHER = 'Rimutaka';
const CASE: Role[] = ['case-manager', 'principal-case-manager', 'case-officer'];

const atSite = (role: Role): Person => ({
  aadObjectId: `aad-${role}`,
  name: `Holder ${role}`,
  email: `${role}@example.govt.nz`,
  roles: [{ role, site: SITE }],
});
const atOther = (role: Role): Person => ({
  aadObjectId: `aad-other-${role}`,
  name: `Elsewhere ${role}`,
  email: `other.${role}@example.govt.nz`,
  roles: [{ role, site: OTHER }],
});
const noRole: Person = {
  aadObjectId: 'aad-no-role',
  name: 'Nō Role',
  email: 'no.role@example.govt.nz',
  roles: [],
};
const notInDirectory: Person = {
  aadObjectId: 'aad-not-in-directory',
  name: 'Unknown Person',
  email: 'x@example.com',
  roles: [],
};
const directory = [...ROLES.map(atSite), ...ROLES.map(atOther), noRole];
const actor = (p: Person): Actor => ({ aadObjectId: p.aadObjectId, name: p.name, roles: p.roles });
const cm = actor(atSite('case-manager'));

type Stage =
  | 'awaitingConsent'
  | 'consented'
  | 'readyForReview'
  | 'reviewed'
  | 'approved'
  | 'huiDraft'
  | 'huiReady'
  | 'huiSent'
  | 'visitNew'
  | 'visitChecked'
  | 'childConvened'
  | 'childPanelDone';

interface Case {
  name: string;
  stage: Stage;
  card: string;
  command: string;
  input: (id: string, h: BotHarness) => Promise<Record<string, unknown>> | Record<string, unknown>;
  allowed: Role[];
}

const f17Cases: Case[] = [
  {
    name: 'F.17 record consent',
    stage: 'awaitingConsent',
    card: 'f17.consent',
    command: 'f17.recordConsent',
    input: () => ({
      consentObtainedBy: 'Holder',
      consentDate: '2026-03-02',
      consentFormReference: 'IOMS doc 1',
    }),
    allowed: CASE,
  },
  {
    name: 'F.17 withdraw consent',
    stage: 'consented',
    card: 'f17.withdraw',
    command: 'f17.withdrawConsent',
    input: () => ({ withdrawalNote: 'Said at muster he no longer wants to attend.' }),
    allowed: CASE,
  },
  {
    name: 'F.17 case management section',
    stage: 'consented',
    card: 'f17.section',
    command: 'f17.submitSection',
    input: () => ({ section: 'caseManagement', ...answers.caseManagement }),
    allowed: ['case-manager', 'principal-case-manager'],
  },
  {
    name: 'F.17 unit section',
    stage: 'consented',
    card: 'f17.section',
    command: 'f17.submitSection',
    input: () => ({ section: 'unit', ...answers.unit }),
    allowed: ['case-officer', 'principal-corrections-officer'],
  },
  {
    name: 'F.17 unit section draft',
    stage: 'consented',
    card: 'f17.section',
    command: 'f17.saveSectionDraft',
    input: () => ({ section: 'unit', observations: 'Settled so far.' }),
    allowed: ['case-officer', 'principal-corrections-officer'],
  },
  {
    name: 'F.17 intelligence section',
    stage: 'consented',
    card: 'f17.section',
    command: 'f17.submitSection',
    input: () => ({ section: 'intelligence', ...answers.intelligence }),
    allowed: ['intelligence'],
  },
  {
    name: 'F.17 psychology section',
    stage: 'consented',
    card: 'f17.section',
    command: 'f17.submitSection',
    input: () => ({ section: 'psychology', ...answers.psychology }),
    allowed: ['psychologist'],
  },
  {
    name: 'F.17 name a contributor',
    stage: 'consented',
    card: 'f17.contributor',
    command: 'f17.nameContributor',
    input: () => ({
      contributorId: 'aad-health',
      contributorName: 'Matiu Rua',
      contributorDescription: 'Chaplaincy',
    }),
    allowed: CASE,
  },
  {
    name: 'F.17 review',
    stage: 'readyForReview',
    card: 'f17.review',
    command: 'f17.submitReview',
    input: () => ({ ...review }),
    allowed: ['custodial-systems-manager', 'security-manager'],
  },
  {
    name: 'F.17 decide',
    stage: 'reviewed',
    card: 'f17.decision',
    command: 'f17.decide',
    input: () => ({ outcome: 'approved', ...decisionInput }),
    allowed: ['general-manager-custodial'],
  },
  {
    name: 'F.17 prisoner informed',
    stage: 'approved',
    card: 'f17.informPrisoner',
    command: 'f17.confirmPrisonerInformed',
    input: () => ({ informedOn: '2026-03-03', howInformed: 'In person in the unit' }),
    allowed: CASE,
  },
  {
    name: 'F.17 consent form uploaded',
    stage: 'approved',
    card: 'f17.consentForm',
    command: 'f17.confirmConsentFormUploaded',
    input: () => ({ uploadReference: 'IOMS doc 55120' }),
    allowed: CASE,
  },
];

const c07Cases: Case[] = [
  {
    name: 'C.07 send for sign-off',
    stage: 'huiReady',
    card: 'c07.status',
    command: 'c07.sendForSignOff',
    input: () => ({}),
    allowed: ['case-manager', 'principal-case-manager'],
  },
  {
    name: 'C.07 ask a question',
    stage: 'huiSent',
    card: 'c07.notification',
    command: 'c07.askQuestion',
    input: () => ({ question: 'Who will escort him?' }),
    allowed: ['prison-director'],
  },
  {
    name: 'C.07 require safety measures',
    stage: 'huiSent',
    card: 'c07.notification',
    command: 'c07.requireSafetyMeasures',
    input: () => ({ measures: 'Officer present throughout.' }),
    allowed: ['prison-director'],
  },
  {
    name: 'C.07 sign off',
    stage: 'huiSent',
    card: 'c07.notification',
    command: 'c07.signOff',
    input: () => ({}),
    allowed: ['prison-director'],
  },
];

/** V.01.02: the designated staff who process applications; V.01.04/05: who decides. */
const DESIGNATED: Role[] = [
  'entry-staff',
  'principal-corrections-officer',
  'reception-movements-manager',
  'general-manager-custodial',
];

const v01Cases: Case[] = [
  {
    name: 'V.01 record the forms sent',
    stage: 'visitNew',
    card: 'v01.status',
    command: 'v01.recordFormsSent',
    input: () => ({ sentTo: 'Huia Henare', method: 'post' }),
    allowed: DESIGNATED,
  },
  {
    name: 'V.01 decide an adult visitor',
    stage: 'visitChecked',
    card: 'v01.decision',
    command: 'v01.decide',
    input: () => ({ outcome: 'approved', rationale: 'The checks are clear.' }),
    allowed: ['reception-movements-manager', 'general-manager-custodial'],
  },
  {
    name: 'V.01 advisory panel assessment and recommendation',
    stage: 'childConvened',
    card: 'v01.panel',
    command: 'v01.recordPanelAssessment',
    input: () => ({ assessment: 'Supervised contact is safe.', recommendation: 'approve' }),
    allowed: ['advisory-panel-core', 'advisory-panel-guest'],
  },
  {
    name: 'V.01 decide a CPP-alert child visit after the panel',
    stage: 'childPanelDone',
    card: 'v01.decision',
    command: 'v01.decide',
    input: () => ({ outcome: 'approved', rationale: 'The panel agreed.', cppReferred: 'true' }),
    allowed: ['general-manager-custodial'],
  },
];

describe('Security: authorisation matrix over every process command and role', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let prisoner = 80_000_000;
  let activity = 0;
  const origin = () => ({ activityId: `setup-${++activity}`, correlationId: `setup-${activity}` });
  const tally = { allowed: 0, refused: 0, forged: 0 };

  before(async () => {
    h = await new BotHarness({
      people: directory,
      clock: new FixedClock(new Date('2026-03-02T21:00:00Z')),
    }).start();
  });
  after(async () => {
    process.stdout.write(
      `      authorisation trials: ${tally.allowed} allowed, ${tally.refused} refused, ${tally.forged} with forged card data\n`,
    );
    if (h) await h.stop();
  });

  /** A fresh application at a stage, moved there by the people the policy names. */
  async function setUp(stage: Stage): Promise<string> {
    const e = h.app.engine;
    const run = (id: string, who: Role, command: Record<string, unknown>) =>
      e.execute(id, command, actor(atSite(who)), origin());
    if (stage === 'visitNew' || stage === 'visitChecked' || stage.startsWith('child')) {
      const staff = actor(atSite('entry-staff'));
      const child = stage.startsWith('child');
      const who = { site: SITE, prisonerId: `P${++prisoner}` };
      const app = await e.start('V01', child ? childNomination(who) : nomination(who), staff, origin());
      if (stage === 'visitNew') return app._id;
      for (const [, command] of [...v01Steps.formsOut(), ...v01Steps.checks()])
        await e.execute(app._id, command, staff, origin());
      if (stage === 'visitChecked') return app._id;
      const core = atSite('advisory-panel-core');
      await e.execute(
        app._id,
        { type: 'v01.convenePanel', coreMembers: [{ aadObjectId: core.aadObjectId, name: core.name }] },
        staff,
        origin(),
      );
      if (stage === 'childConvened') return app._id;
      await e.execute(
        app._id,
        {
          type: 'v01.recordPanelAssessment',
          assessment: 'Supervised contact is safe.',
          recommendation: 'approve',
        },
        actor(core),
        origin(),
      );
      return app._id;
    }
    if (stage.startsWith('hui')) {
      const app = await e.start(
        'C07',
        huiStartInput({ site: SITE, prisonerId: String(++prisoner), date: '2026-04-05' }),
        cm,
        origin(),
      );
      if (stage === 'huiDraft') return app._id;
      const current = await e.load(app._id);
      for (const sp of (current!.state as { supportPeople: Array<{ id: string; name: string }> })
        .supportPeople) {
        await run(app._id, 'case-manager', {
          type: 'c07.recordPrisonerConsent',
          personId: sp.id,
          prisonerConsent: 'given',
        });
        await run(app._id, 'case-manager', {
          type: 'c07.recordSupportConsent',
          personId: sp.id,
          supportConsent: 'given',
        });
        await run(app._id, 'case-manager', {
          type: 'c07.recordSuitability',
          personId: sp.id,
          suitable: 'yes',
          assessment: `${sp.name} is a stable, pro-social support.`,
          involvement: 'full',
          contactPlan: 'By phone before the hui.',
          iomsRecorded: 'true',
        });
      }
      if (stage === 'huiReady') return app._id;
      await run(app._id, 'case-manager', { type: 'c07.sendForSignOff' });
      return app._id;
    }
    const app = await e.start(
      'F17',
      startInput({ site: SITE, prisonerId: String(++prisoner) }),
      cm,
      origin(),
    );
    if (stage === 'awaitingConsent') return app._id;
    await run(app._id, 'case-manager', {
      type: 'f17.recordConsent',
      consentObtainedBy: 'Holder',
      consentDate: '2026-03-02',
      consentFormReference: 'IOMS doc 1',
    });
    if (stage === 'consented') return app._id;
    await run(app._id, 'case-manager', {
      type: 'f17.submitSection',
      section: 'caseManagement',
      ...answers.caseManagement,
    });
    await run(app._id, 'case-officer', { type: 'f17.submitSection', section: 'unit', ...answers.unit });
    await run(app._id, 'intelligence', {
      type: 'f17.submitSection',
      section: 'intelligence',
      ...answers.intelligence,
    });
    if (stage === 'readyForReview') return app._id;
    await run(app._id, 'custodial-systems-manager', { type: 'f17.submitReview', ...review });
    if (stage === 'reviewed') return app._id;
    await run(app._id, 'general-manager-custodial', {
      type: 'f17.decide',
      outcome: 'approved',
      ...decisionInput,
    });
    return app._id;
  }

  const trail = async (id: string): Promise<AuditEvent[]> => h.store.events.list(id);

  for (const c of [...f17Cases, ...c07Cases, ...v01Cases]) {
    it(`${c.name}: only ${c.allowed.join(', ')} at the site; everyone else refused, forged card data changes nothing`, async () => {
      const trials: Array<{ who: Person; expect: boolean }> = [
        ...ROLES.map((r) => ({ who: atSite(r), expect: c.allowed.includes(r) })),
        ...c.allowed.map((r) => ({ who: atOther(r), expect: false })),
        { who: noRole, expect: false },
        { who: notInDirectory, expect: false },
      ];
      const allowedHolder = atSite(c.allowed[0]!);
      for (const { who, expect } of trials) {
        const id = await setUp(c.stage);
        const before = await trail(id);
        const input = await c.input(id, h);
        const res = await h.click(who, { card: c.card, applicationId: id, command: c.command, ...input });
        assert.equal(res.status, 200, `${c.name} by ${who.name}: HTTP ${res.status}`);
        const after = await trail(id);
        if (expect) {
          tally.allowed++;
          assert.ok(
            after.length > before.length,
            `${c.name} by ${who.name} should be recorded: ${cardText(res.card).slice(0, 300)}`,
          );
          assert.equal(after.at(-1)!.actor.aadObjectId, who.aadObjectId, 'the audit trail names who clicked');
          continue;
        }
        tally.refused++;
        assert.deepEqual(after, before, `${c.name} by ${who.name} must be refused`);
        const text = res.card ? cardText(res.card) : (res.message ?? '');
        assert.match(
          text,
          /This is for|no application|not in the Tautoko staff directory/,
          `${c.name} by ${who.name}: a clear refusal`,
        );
        // The same click again, the card data now claiming to be someone allowed, somewhere allowed.
        const forged = await h.click(who, {
          card: c.card,
          applicationId: id,
          command: c.command,
          ...input,
          aadObjectId: allowedHolder.aadObjectId,
          userId: allowedHolder.aadObjectId,
          name: allowedHolder.name,
          role: c.allowed[0]!,
          roles: c.allowed.join(','),
          site: SITE,
          tenantId: 'forged',
          args: { actorId: allowedHolder.aadObjectId, role: c.allowed[0]!, site: SITE },
          params: { viewer: allowedHolder.aadObjectId },
        });
        tally.forged++;
        assert.equal(forged.status, 200);
        assert.deepEqual(
          await trail(id),
          before,
          `${c.name} by ${who.name} with forged claims must change nothing`,
        );
      }
    });
  }

  it('a click naming another application the person cannot see changes neither application', async () => {
    const mine = await h.app.engine.start(
      'F17',
      startInput({ site: OTHER, prisonerId: String(++prisoner) }),
      actor(atOther('case-manager')),
      origin(),
    );
    const theirs = await setUp('reviewed');
    const before = [await trail(mine._id), await trail(theirs)];
    const res = await h.click(atOther('general-manager-custodial'), {
      card: 'f17.decision',
      applicationId: theirs,
      command: 'f17.decide',
      outcome: 'approved',
      ...decisionInput,
      args: { applicationId: mine._id },
    });
    assert.match(cardText(res.card), /no application/);
    assert.deepEqual([await trail(mine._id), await trail(theirs)], before);
  });

  it('chat commands of every process answer only people who may see the application', async () => {
    const v01 = await h.app.engine.start(
      'V01',
      nomination({ site: SITE, prisonerId: `P${++prisoner}` }),
      actor(atSite('entry-staff')),
      origin(),
    );
    const appOf: Record<string, string> = {
      F17: await setUp('approved'),
      C07: await setUp('huiSent'),
      V01: v01._id,
      V01P: v01._id,
    };
    const texts = h.app.engine.workflows().flatMap((w) =>
      w.chatCommands
        .filter((c) => c.usage.includes('<id>'))
        .map((c) => {
          const id = appOf[w.kind];
          assert.ok(id, `add an application of ${w.kind} to this test so "${c.usage}" is covered`);
          return c.usage.replace('<id>', id);
        }),
    );
    texts.push(...new Set(Object.values(appOf).map((id) => `status ${id}`)));
    assert.ok(texts.length >= 6, `chat commands found: ${texts.join('; ')}`);
    for (const text of texts) {
      for (const who of [...ROLES.map(atSite), ...ROLES.map(atOther), noRole, notInDirectory]) {
        const [reply] = await h.say(who, text);
        const said = cardText(reply);
        const maySee = who.roles.some((g) => g.site === SITE);
        if (maySee) assert.doesNotMatch(said, /no application/, `${who.name}: "${text}" answered`);
        else
          assert.match(
            said,
            /no application|not in the Tautoko staff directory/,
            `${who.name}: "${text}" refused`,
          );
        if (maySee) tally.allowed++;
        else tally.refused++;
      }
    }
  });

  it('starting an F.17 assessment: case roles at the site only; a site claimed in the form does not grant it', async () => {
    for (const who of [...ROLES.map(atSite), ...ROLES.map(atOther), noRole]) {
      const prn = String(++prisoner);
      const [form] = await h.say(who, 'new mix assessment');
      const submit = findAction(form, (d) => d.card === 'start:F17');
      const before = (await h.store.applications.findByPrisoner(prn, 10)).length;
      if (submit)
        await h.click(who, {
          ...submit,
          ...startInput({ site: SITE, prisonerId: prn, facilitatorId: undefined }),
        });
      const after = (await h.store.applications.findByPrisoner(prn, 10)).length;
      const expect = who.roles.some((g) => g.site === SITE && CASE.includes(g.role));
      assert.equal(after - before, expect ? 1 : 0, `${who.name} starting at ${SITE}`);
      if (expect) tally.allowed++;
      else tally.refused++;
      await h.say(who, 'cancel');
    }
  });

  it('every audit chain still verifies after the matrix', async () => {
    const report = await verifyAudit(h.store);
    assert.equal(report.broken.length, 0);
  });
});

describe('Security: authorisation matrix over role administration', function () {
  this.timeout(120_000);
  let h: BotHarness;
  const allSites: Person = {
    aadObjectId: 'aad-admin-all',
    name: 'Hana Everywhere',
    email: 'hana.everywhere@example.govt.nz',
    roles: [{ role: 'admin', site: '*' }],
  };
  const secondAllSites: Person = {
    aadObjectId: 'aad-admin-all-2',
    name: 'Rua Everywhere',
    email: 'rua.everywhere@example.govt.nz',
    roles: [{ role: 'admin', site: '*' }],
  };
  const target: Person = {
    aadObjectId: 'aad-target',
    name: 'Tama Target',
    email: 'tama.target@example.govt.nz',
    roles: [{ role: 'case-manager', site: SITE }],
  };
  const base = [...directory, allSites, secondAllSites, target];
  const tally = { allowed: 0, refused: 0 };

  before(async () => {
    h = await new BotHarness({
      people: base,
      clock: new FixedClock(new Date('2026-03-02T21:00:00Z')),
    }).start();
  });
  after(async () => {
    process.stdout.write(`      role-change trials: ${tally.allowed} allowed, ${tally.refused} refused\n`);
    if (h) await h.stop();
  });

  const holds = async (p: Person, role: Role, site: string) =>
    ((await h.store.people.get(p.aadObjectId))?.roles ?? []).some((g) => g.role === role && g.site === site);
  const systemTrail = () => h.store.events.list('SYSTEM');

  // Written out from the rule, not read from the code: site admins manage their own site; only an
  // all-sites admin touches `admin` or any role at every site (*).
  const changes: Array<{
    op: 'add' | 'remove';
    who: Person;
    role: Role;
    site: string;
    allowed: string[];
  }> = [
    { op: 'add', who: target, role: 'case-officer', site: SITE, allowed: ['all', 'site'] },
    { op: 'add', who: target, role: 'intelligence', site: OTHER, allowed: ['all', 'other'] },
    { op: 'remove', who: target, role: 'case-manager', site: SITE, allowed: ['all', 'site'] },
    { op: 'add', who: target, role: 'admin', site: SITE, allowed: ['all'] },
    { op: 'add', who: target, role: 'admin', site: '*', allowed: ['all'] },
    { op: 'add', who: target, role: 'intelligence', site: '*', allowed: ['all'] },
    { op: 'add', who: target, role: 'review-officer', site: '*', allowed: ['all'] },
    { op: 'remove', who: atSite('admin'), role: 'admin', site: SITE, allowed: ['all'] },
    { op: 'remove', who: secondAllSites, role: 'admin', site: '*', allowed: ['all'] },
  ];
  const actors: Array<{ key: string; who: Person }> = [
    { key: 'all', who: allSites },
    { key: 'site', who: atSite('admin') },
    { key: 'other', who: atOther('admin') },
    ...ROLES.filter((r) => r !== 'admin').map((r) => ({ key: r, who: atSite(r) })),
    { key: 'none', who: noRole },
    { key: 'stranger', who: notInDirectory },
  ];

  for (const c of changes) {
    it(`role ${c.op} ${c.role} ${c.site}: only ${c.allowed.join(', ')} admins; refused changes write nothing`, async () => {
      for (const { key, who } of actors) {
        await h.store.people.replaceAll(base);
        const before = await systemTrail();
        const had = await holds(c.who, c.role, c.site);
        const [reply] = await h.say(who, `role ${c.op} ${c.who.email} ${c.role} ${c.site}`);
        const after = await systemTrail();
        const expect = c.allowed.includes(key);
        const label = `${who.name}: role ${c.op} ${c.role} ${c.site}`;
        assert.equal(await holds(c.who, c.role, c.site), expect ? c.op === 'add' : had, label);
        if (expect) {
          tally.allowed++;
          assert.equal(after.length, before.length + 1, `${label} is audited`);
          assert.equal(after.at(-1)!.actor.aadObjectId, who.aadObjectId);
          assert.deepEqual(after.at(-1)!.payload, { person: c.who.aadObjectId, role: c.role, site: c.site });
        } else {
          tally.refused++;
          assert.equal(after.length, before.length, `${label} writes no audit event`);
          assert.match(
            cardText(reply),
            /This is for|Only an all-sites admin|not in the Tautoko staff directory/,
            label,
          );
        }
      }
    });
  }

  it('a site admin cannot raise themself: the three commands from the incident all fail', async () => {
    await h.store.people.replaceAll(base);
    const siteB = atOther('admin');
    const before = await systemTrail();
    for (const text of [
      `role add ${siteB.email} admin *`,
      `role add ${siteB.email} intelligence ${SITE}`,
      `role remove ${allSites.email} admin *`,
    ]) {
      const [reply] = await h.say(siteB, text);
      assert.match(cardText(reply), /Only an all-sites admin|This is for Tautoko admins at/, text);
      tally.refused++;
    }
    assert.deepEqual((await h.store.people.get(siteB.aadObjectId))?.roles, siteB.roles);
    assert.ok(await holds(allSites, 'admin', '*'));
    assert.equal((await systemTrail()).length, before.length);
  });

  it('whois answers staff only, and only about people who share a site with them', async () => {
    await h.store.people.replaceAll(base);
    const refused = await h.say(noRole, `whois ${target.email}`);
    assert.match(cardText(refused[0]), /This is for staff/);
    const stranger = await h.say(notInDirectory, `whois ${target.email}`);
    assert.match(cardText(stranger[0]), /not in the Tautoko staff directory/);
    const sameSite = await h.say(atSite('entry-staff'), `whois ${target.email}`);
    assert.match(cardText(sameSite[0]), /Tama Target/);
    const elsewhere = await h.say(atOther('entry-staff'), `whois ${target.email}`);
    assert.doesNotMatch(cardText(elsewhere[0]), /Tama Target/);
    const national = await h.say(allSites, `whois ${target.email}`);
    assert.match(cardText(national[0]), /Tama Target/);
    tally.refused += 3;
    tally.allowed += 2;
  });

  it("outbox failed lists only the failures at the admin's sites (all of them for an all-sites admin)", async () => {
    await h.store.people.replaceAll(base);
    const app = await h.app.engine.start(
      'F17',
      startInput({ site: OTHER, prisonerId: '60000001' }),
      actor(atOther('case-manager')),
      { activityId: 'outbox-setup', correlationId: 'outbox-setup' },
    );
    const failed = (id: string, target: OutboxMessage['target'], applicationId?: string): OutboxMessage => ({
      _id: id,
      target,
      text: `failed message ${id}`,
      ...(applicationId ? { applicationId } : {}),
      status: 'failed',
      attempts: 8,
      nextAttemptAt: new Date('2026-03-02T21:00:00Z'),
      createdAt: new Date('2026-03-02T21:00:00Z'),
      lastError: 'HTTP 403',
    });
    await h.store.outbox.enqueue([
      failed('fail-site-channel', { kind: 'channel', purpose: 'entry-staff', site: SITE }),
      failed('fail-other-person', { kind: 'person', aadObjectId: 'aad-x' }, app._id),
      failed('fail-other-channel', { kind: 'channel', purpose: 'entry-staff', site: OTHER }),
    ]);
    const seen = async (who: Person) => {
      const [card] = await h.say(who, 'outbox failed');
      return ['fail-site-channel', 'fail-other-person', 'fail-other-channel'].filter((id) =>
        cardText(card).includes(`failed message ${id}`),
      );
    };
    assert.deepEqual(await seen(atSite('admin')), ['fail-site-channel']);
    assert.deepEqual(await seen(atOther('admin')), ['fail-other-person', 'fail-other-channel']);
    assert.deepEqual(await seen(allSites), ['fail-site-channel', 'fail-other-person', 'fail-other-channel']);
    assert.deepEqual(await seen(atSite('case-manager')), []);
    tally.allowed += 3;
    tally.refused += 1;
  });

  it('the last all-sites admin cannot be removed, by themself or anyone', async () => {
    await h.store.people.replaceAll(base);
    const [first] = await h.say(allSites, `role remove ${secondAllSites.email} admin *`);
    assert.match(cardText(first), /Rua Everywhere/);
    const before = await systemTrail();
    const [own] = await h.say(allSites, `role remove ${allSites.email} admin *`);
    assert.match(cardText(own), /last all-sites admin/);
    assert.ok(await holds(allSites, 'admin', '*'));
    assert.equal((await systemTrail()).length, before.length);
    tally.refused++;
  });
});

describe('Security: group chats and channels never get a view drawn for one person', function () {
  this.timeout(120_000);
  let h: BotHarness;
  let id = '';
  const GROUP = { id: '19:group-chat-1@thread.v2', type: 'groupChat' as const };
  const CHANNEL = { id: '19:general@thread.tacv2', type: 'channel' as const };
  const restricted = [INTEL_MARKER, NON_ASSOCIATION_MARKER, answers.intelligence.risksOtherPrisoners];
  /** Entitled to the intelligence section (F.17.02), so their own view carries it. */
  const entitled = (['intelligence', 'custodial-systems-manager', 'general-manager-custodial'] as Role[]).map(
    atSite,
  );
  const tally = { shared: 0, personal: 0 };
  let clicks = 0;

  before(async () => {
    h = await new BotHarness({
      people: directory,
      clock: new FixedClock(new Date('2026-03-02T21:00:00Z')),
    }).start();
    for (const p of [...entitled, atSite('case-manager')]) await h.install(p);
    const e = h.app.engine;
    const o = () => ({ activityId: `shared-${++clicks}`, correlationId: `shared-${clicks}` });
    const run = (role: Role, command: Record<string, unknown>) =>
      e.execute(id, command, actor(atSite(role)), o());
    id = (await e.start('F17', startInput({ site: SITE, prisonerId: '70000001' }), cm, o()))._id;
    await run('case-manager', {
      type: 'f17.recordConsent',
      consentObtainedBy: 'Holder',
      consentDate: '2026-03-02',
      consentFormReference: 'IOMS doc 1',
    });
    await run('case-manager', {
      type: 'f17.submitSection',
      section: 'caseManagement',
      ...answers.caseManagement,
    });
    await run('case-officer', { type: 'f17.submitSection', section: 'unit', ...answers.unit });
    await run('intelligence', {
      type: 'f17.submitSection',
      section: 'intelligence',
      ...answers.intelligence,
    });
  });
  after(async () => {
    process.stdout.write(
      `      shared conversations: ${tally.shared} group/channel answers without restricted text, ${tally.personal} personal views in 1:1 chats\n`,
    );
    if (h) await h.stop();
  });

  const carriesRestricted = (v: unknown) =>
    restricted.some((m) => JSON.stringify(v).includes(m.slice(0, 24)));
  const personalSince = (p: Person, before: number) =>
    h.connector.sentTo(h.conversationFor(p.aadObjectId)).slice(before);
  const invoke = (
    p: Person,
    where: typeof GROUP | typeof CHANNEL,
    data: Record<string, unknown>,
    trigger: 'manual' | 'automatic' = 'manual',
  ) =>
    h.post({
      ...h.baseActivity(p, where),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'tautoko', data }, trigger },
    });

  it('the restricted text is in the personal view (so the checks below can fail)', async () => {
    const [mine] = await h.say(atSite('intelligence'), `status ${id}`);
    assert.ok(carriesRestricted(mine), 'the intelligence officer sees her answer in 1:1');
  });

  for (const where of [GROUP, CHANNEL]) {
    it(`${where.type}: status, disclosure, lists and tasks answer with the channel view; the personal view goes to 1:1`, async () => {
      const prefix = where.type === 'channel' ? '<at>Tautoko</at> ' : '';
      for (const p of entitled) {
        for (const text of [
          `status ${id}`,
          `disclosure ${id}`,
          `withdraw consent ${id}`,
          'my tasks',
          'applications for 70000001',
          `whois ${atSite('case-manager').email}`,
        ]) {
          const before = h.connector.sentTo(h.conversationFor(p.aadObjectId)).length;
          const replies = await h.say(p, `${prefix}${text}`, where);
          const label = `${p.name} in a ${where.type}: "${text}"`;
          assert.equal(replies.length, 1, label);
          assert.ok(!carriesRestricted(replies), `${label}: restricted text posted where everyone reads it`);
          assert.match(cardText(replies[0]), /sent the details to you in our 1:1 chat/, label);
          const personal = personalSince(p, before);
          assert.equal(personal.length, 1, `${label}: the personal view went to the 1:1 chat`);
          if (text.startsWith('status'))
            assert.ok(carriesRestricted(personal[0]!.body), `${label}: nothing lost`);
          tally.shared++;
          tally.personal++;
        }
      }
    });

    it(`${where.type}: a click answers with the channel view and sends the clicker's view to 1:1`, async () => {
      for (const p of entitled) {
        const before = h.connector.sentTo(h.conversationFor(p.aadObjectId)).length;
        const res = await invoke(p, where, { card: 'f17.status', applicationId: id });
        assert.equal(res.status, 200);
        assert.ok(!carriesRestricted(res.body), `${p.name}: a shared card replaced with her own view`);
        assert.match(cardText(res.body), /sent the details to you in our 1:1 chat/);
        const personal = personalSince(p, before);
        assert.equal(personal.length, 1);
        assert.ok(carriesRestricted(personal[0]!.body));
        tally.shared++;
        tally.personal++;
      }
    });
  }

  it('a conversation of a type Teams does not use (the Playground says "group") counts as shared', async () => {
    const p = atSite('intelligence');
    const conversation = { id: '19:odd-group@thread.v2', conversationType: 'group', tenantId: TENANT };
    const res = await h.post({ ...h.baseActivity(p), conversation, type: 'message', text: `status ${id}` });
    assert.equal(res.status, 200);
    const posted = h.connector.sentTo(conversation.id).map((c) => c.body);
    assert.equal(posted.length, 1);
    assert.ok(!carriesRestricted(posted), 'restricted text posted in an unfamiliar kind of conversation');
  });

  it('an invalid submission clicked in a group keeps the input, in the 1:1 chat', async () => {
    const p = atSite('custodial-systems-manager');
    const before = h.connector.sentTo(h.conversationFor(p.aadObjectId)).length;
    const trail = (await h.store.events.list(id)).length;
    const res = await invoke(p, GROUP, {
      card: 'f17.review',
      applicationId: id,
      command: 'f17.submitReview',
      ...review,
      summary: '',
      risks: 'Half-typed risk summary that must not be lost',
    });
    assert.ok(!carriesRestricted(res.body));
    assert.doesNotMatch(JSON.stringify(res.body), /Half-typed risk summary/);
    const [personal] = personalSince(p, before);
    assert.match(JSON.stringify(personal!.body), /Half-typed risk summary that must not be lost/);
    assert.equal((await h.store.events.list(id)).length, trail, 'nothing recorded');
  });

  it('a refresh (trigger automatic) goes only to the client that asked, and may stay personal', async () => {
    const res = await invoke(
      atSite('intelligence'),
      GROUP,
      { card: 'f17.status', applicationId: id, refresh: true },
      'automatic',
    );
    assert.ok(carriesRestricted(res.body), 'the user-specific refresh is her own view');
  });

  it('someone with no 1:1 chat yet has one opened for the view, and nothing restricted is posted in the group', async () => {
    const p = atSite('security-manager');
    const created = h.connector.created.length;
    const replies = await h.say(p, `status ${id}`, GROUP);
    assert.ok(!carriesRestricted(replies));
    assert.match(cardText(replies[0]), /sent the details to you in our 1:1 chat/);
    assert.equal(h.connector.created.length, created + 1, 'a 1:1 chat opened with them');
    const view = h.connector.sentTo(`a:created-${created + 1}`).map((c) => cardOf(c.body));
    assert.equal(view.length, 1);
    assert.match(cardText(view[0]), new RegExp(id));
  });

  it('when Teams refuses the 1:1 message, the group is told so and still gets nothing restricted', async () => {
    const p = atSite('intelligence');
    h.connector.failNext(403);
    const replies = await h.say(p, `status ${id}`, GROUP);
    assert.ok(!carriesRestricted(replies));
    assert.match(cardText(replies[0]), /couldn't reach you in a 1:1 chat/);
  });

  it('an application is started in the 1:1 chat, never from a form in a shared conversation', async () => {
    const [reply] = await h.say(cm as Person, 'new mix assessment', GROUP);
    assert.match(cardText(reply), /Start it in our 1:1 chat/);
    assert.equal(
      findAction(reply, (d) => String(d.card).startsWith('start:')),
      undefined,
    );
    const res = await invoke(atSite('case-manager'), GROUP, {
      card: 'start:F17',
      ...startInput({ site: SITE }),
    });
    assert.match(cardText(res.body), /Start it in our 1:1 chat/);
  });
});
