import assert from 'node:assert/strict';
import { FixedClock } from '../../services/clock';
import { ROLES } from '../../services/directory/roles';
import type { Role } from '../../services/directory/roles';
import {
  answers,
  decisionInput,
  INTEL_MARKER,
  NON_ASSOCIATION_MARKER,
  review,
  startInput,
} from '../fixtures/f17';
import { BotHarness, findAction, person } from '../helpers/botHarness';
import { cardText } from '../helpers/connectorStub';

/**
 * A full F.17 run through /api/messages with every log line captured at debug level: no secret,
 * token or restricted answer may appear in the log, an error reply carries only a reference, and
 * the intelligence section reaches nobody outside the roles F.17.02 gives it to.
 */

const SITE = 'Arohata';
const APP_PASSWORD = 'Sup3r-Secret-Client-Value~42';
/** F.17.02: the intelligence row is for intelligence, the reviewing managers and the decision maker. */
const INTELLIGENCE_VIEWERS: Role[] = [
  'intelligence',
  'custodial-systems-manager',
  'security-manager',
  'general-manager-custodial',
];
const DECISIONS_CHANNEL = { id: '19:custodial-decisions@thread.tacv2', type: 'channel' as const };

const holder = (role: Role, site = SITE) =>
  person(`aad-${site}-${role}`, `Holder ${role} ${site}`, [[role, site]]);
const cm = holder('case-manager');
const co = holder('case-officer');
const intel = holder('intelligence');
const csm = holder('custodial-systems-manager');
const gm = holder('general-manager-custodial');
const admin = holder('admin');
const everyoneAtSite = ROLES.map((r) => holder(r));
const elsewhere = ROLES.map((r) => holder(r, 'Rimutaka'));

describe('Security: secrets and the restricted intelligence section', function () {
  this.timeout(60_000);
  let h: BotHarness;
  let id = '';

  before(async () => {
    h = await new BotHarness({
      people: [...everyoneAtSite, ...elsewhere],
      clock: new FixedClock(new Date('2026-03-02T21:00:00Z')),
      env: { MicrosoftAppPassword: APP_PASSWORD, LOG_LEVEL: 'trace' },
    }).start();
    for (const p of everyoneAtSite) await h.install(p);
    await h.say(admin, `register channel custodial-decisions ${SITE}`, DECISIONS_CHANNEL);
  });
  after(async () => {
    if (h) await h.stop();
  });

  it('runs a whole assessment through chat and cards, with a refused and a failed intelligence submission on the way', async () => {
    const [form] = await h.say(cm, 'new mix assessment');
    const submit = findAction(form, (d) => d.card === 'start:F17')!;
    const started = await h.click(cm, { ...submit, ...startInput({ site: SITE }) });
    id = /MIX-\d{4}-\d{5}/.exec(cardText(started.card))![0];
    // Section cards are rendered for one section, named in the card's params.
    const click = (who: typeof cm, card: string, command: string, input: Record<string, unknown>) =>
      h.click(who, {
        card,
        applicationId: id,
        command,
        ...input,
        ...(typeof input.section === 'string' ? { params: { section: input.section } } : {}),
      });
    await click(cm, 'f17.consent', 'f17.recordConsent', {
      consentObtainedBy: cm.name,
      consentDate: '2026-03-02',
      consentFormReference: 'IOMS doc 55120',
    });
    await h.deliverOutbox();
    await click(cm, 'f17.section', 'f17.submitSection', {
      section: 'caseManagement',
      ...answers.caseManagement,
    });
    await click(co, 'f17.section', 'f17.submitSection', { section: 'unit', ...answers.unit });
    // A stranger tries to write the intelligence section; the author first saves a draft, then submits with a field missing.
    await click(holder('intelligence', 'Rimutaka'), 'f17.section', 'f17.submitSection', {
      section: 'intelligence',
      ...answers.intelligence,
    });
    await click(intel, 'f17.section', 'f17.saveSectionDraft', {
      section: 'intelligence',
      risksMixing: INTEL_MARKER,
    });
    const invalid = await click(intel, 'f17.section', 'f17.submitSection', {
      section: 'intelligence',
      risksMixing: INTEL_MARKER,
      risksOtherPrisoners: '',
    });
    assert.match(
      cardText(invalid.card),
      /need attention/,
      `the missing answer is pointed out: ${JSON.stringify(invalid.raw).slice(0, 1500)}`,
    );
    await click(intel, 'f17.section', 'f17.submitSection', {
      section: 'intelligence',
      ...answers.intelligence,
    });
    await h.deliverOutbox();
    await click(csm, 'f17.review', 'f17.submitReview', { ...review });
    await h.deliverOutbox();
    const decided = await click(gm, 'f17.decision', 'f17.decide', { outcome: 'approved', ...decisionInput });
    assert.match(cardText(decided.card), /approved/i);
    await h.deliverOutbox();
    const events = await h.store.events.list(id);
    assert.ok(events.some((e) => e.type === 'f17.decided'));
  });

  it('the restricted text is in the store (so the checks below can fail) and the entitled roles see it', async () => {
    const events = await h.store.events.list(id);
    assert.ok(JSON.stringify(events).includes(INTEL_MARKER));
    for (const role of INTELLIGENCE_VIEWERS) {
      const [status] = await h.say(holder(role), `status ${id}`);
      assert.match(
        cardText(status),
        new RegExp(INTEL_MARKER.slice(0, 20)),
        `${role} sees the intelligence section`,
      );
    }
  });

  it('no status answer carries the intelligence section to anyone else, at the site or elsewhere', async () => {
    let checked = 0;
    for (const p of [
      ...everyoneAtSite.filter((q) => !INTELLIGENCE_VIEWERS.includes(q.roles[0]!.role)),
      ...elsewhere,
    ]) {
      for (const text of [
        `status ${id}`,
        `disclosure ${id}`,
        `withdraw consent ${id}`,
        'my tasks',
        `applications for ${startInput().prisonerId}`,
      ]) {
        const replies = await h.say(p, text);
        for (const r of replies)
          assert.doesNotMatch(
            JSON.stringify(r),
            new RegExp(INTEL_MARKER.slice(0, 20)),
            `${p.name}: "${text}"`,
          );
        checked++;
      }
      // A refresh of the status card through Action.Execute is a status answer too.
      const refreshed = await h.click(p, { card: 'f17.status', applicationId: id, refresh: true });
      assert.doesNotMatch(
        JSON.stringify(refreshed.raw),
        new RegExp(INTEL_MARKER.slice(0, 20)),
        `${p.name}: refreshed status card`,
      );
      checked++;
    }
    process.stdout.write(
      `      status/disclosure/list answers checked for people not entitled: ${checked}\n`,
    );
  });

  it('the disclosure (Privacy Act) withholds intelligence and non-association information even for the case manager', async () => {
    const [disclosure] = await h.say(cm, `disclosure ${id}`);
    const text = JSON.stringify(disclosure);
    assert.match(text, /withheld|Withheld/, 'it says what was withheld');
    assert.doesNotMatch(text, new RegExp(INTEL_MARKER.slice(0, 20)));
    assert.doesNotMatch(text, new RegExp(NON_ASSOCIATION_MARKER.slice(0, 20)));
  });

  it('no channel post and no proactive message to someone not entitled carries restricted text', async () => {
    const channelPosts = h.connector
      .sentTo(DECISIONS_CHANNEL.id)
      .filter((c) => JSON.stringify(c.body).includes(id));
    assert.ok(channelPosts.length >= 1, 'the decision was posted to the channel');
    for (const post of channelPosts) {
      assert.doesNotMatch(JSON.stringify(post.body), new RegExp(INTEL_MARKER.slice(0, 20)));
      assert.doesNotMatch(JSON.stringify(post.body), new RegExp(NON_ASSOCIATION_MARKER.slice(0, 20)));
    }
    const notEntitled = everyoneAtSite.filter((q) => !INTELLIGENCE_VIEWERS.includes(q.roles[0]!.role));
    let messages = 0;
    for (const p of notEntitled) {
      for (const call of h.connector.sentTo(h.conversationFor(p.aadObjectId))) {
        messages++;
        assert.doesNotMatch(
          JSON.stringify(call.body),
          new RegExp(INTEL_MARKER.slice(0, 20)),
          `message to ${p.name}`,
        );
      }
    }
    process.stdout.write(
      `      channel posts checked: ${channelPosts.length}; messages to people not entitled checked: ${messages}\n`,
    );
  });

  it('an unexpected failure answers the card with a reference id only, and the log has the error under the same reference', async () => {
    // The turn's first database read: who is clicking (the directory's revision).
    const people = h.store.people as { revision: () => Promise<unknown> };
    const original = people.revision.bind(people);
    people.revision = async () => {
      people.revision = original;
      throw new Error('simulated driver failure: connection reset by peer 10.1.2.3:27017');
    };
    const res = await h.click(gm, { card: 'f17.status', applicationId: id, refresh: true });
    people.revision = original;
    const text = cardText(res.card);
    const ref = /reference:? ?([0-9a-f]{8})/i.exec(text)?.[1];
    assert.ok(ref, `a reference is shown: ${text}`);
    assert.doesNotMatch(
      text,
      /simulated|10\.1\.2\.3|Error|\.ts:\d+/,
      'nothing of the error reaches the user',
    );
    assert.ok(
      h.logs.lines.some((l) => l.includes(ref) && l.includes('simulated driver failure')),
      'the log has the error under the reference',
    );
  });

  it('no secret, token or restricted answer appears in the log at any level', () => {
    const log = h.logs.text();
    assert.ok(h.logs.lines.length > 50, `the run was logged (${h.logs.lines.length} lines)`);
    const levels = new Set(h.logs.lines.map((l) => (JSON.parse(l) as { level: number }).level));
    assert.ok(levels.size >= 2, 'several levels were captured');
    const forbidden: Array<[string, RegExp]> = [
      ['the app password', new RegExp(APP_PASSWORD.replace(/[~-]/g, '.'))],
      ['the intelligence answer', new RegExp(INTEL_MARKER.slice(0, 20))],
      ['the other intelligence answer', new RegExp(answers.intelligence.risksOtherPrisoners.slice(0, 30))],
      ['the non-association answer', new RegExp(NON_ASSOCIATION_MARKER.slice(0, 20))],
      ['the review risk narrative', new RegExp(review.risks.slice(0, 30))],
      ['the decision reasons', new RegExp(decisionInput.reasons.slice(0, 30))],
      ['a bearer token', /Bearer\s+[A-Za-z0-9._-]{10,}/],
      ['a JWT', /eyJ[A-Za-z0-9_-]{10,}\.eyJ/],
    ];
    const found = forbidden.filter(([, re]) => re.test(log)).map(([what]) => what);
    assert.deepEqual(found, [], `found in the log: ${found.join(', ')}`);
    process.stdout.write(
      `      log lines scanned: ${h.logs.lines.length} at levels ${[...levels].sort().join(', ')}\n`,
    );
  });
});
