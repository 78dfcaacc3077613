import assert from 'node:assert/strict';
import fc from 'fast-check';
import { verifyAudit } from '../../services/audit/verify';
import { FixedClock } from '../../services/clock';
import type { Actor } from '../../services/directory/person';
import { answers, startInput } from '../fixtures/f17';
import { huiStartInput } from '../fixtures/c07';
import { BotHarness, person } from '../helpers/botHarness';
import { cardOf } from '../helpers/connectorStub';

/**
 * Property-based bad input through /api/messages: generated activities and card submissions of
 * every wrong shape. The properties: the process keeps answering, every answer is a card, a
 * message or a 4xx, an input that was not accepted writes nothing, and the audit chains verify.
 */

const SITE = 'Arohata';
/** Random per run; FUZZ_SEED=<n> replays a run (the seed is printed with the results). */
const SEED = Number(process.env.FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
const cm = person('aad-cm', 'Aroha Ngata', [['case-manager', SITE]]);
const co = person('aad-co', 'Mere Wiremu', [['case-officer', SITE]]);
const gm = person('aad-gm', 'Kiri Te Rangi', [['general-manager-custodial', SITE]]);
const elsewhere = person('aad-elsewhere', 'Jo Smith', [['general-manager-custodial', 'Rimutaka']]);
const unknown = person('aad-unknown', 'Not Listed', []);
const users = [cm, co, gm, elsewhere, unknown];
const actor = (p: typeof cm): Actor => ({ aadObjectId: p.aadObjectId, name: p.name, roles: p.roles });

const UNICODE = [
  'whānau',
  'Māori',
  'Tāmaki Makaurau',
  '🙂🔥👩🏽‍⚕️',
  'مرحبا بالعالم',
  'שלום',
  '\u202Egnp.exe',
  'e\u0301',
  '\uFEFF',
  'Ω≈ç√',
  '𝕋𝕖𝕤𝕥',
  '\u0000nul',
  '\r\n\t',
  '${7*7}',
  '{{constructor}}',
  '__proto__',
  '$where',
  "'; DROP TABLE--",
];
const KNOWN_COMMANDS = [
  'f17.recordConsent',
  'f17.submitSection',
  'f17.saveSectionDraft',
  'f17.nameContributor',
  'f17.submitReview',
  'f17.decide',
  'f17.withdrawConsent',
  'f17.confirmPrisonerInformed',
  'f17.confirmConsentFormUploaded',
  'c07.sendForSignOff',
  'c07.signOff',
  'c07.cancel',
  'c07.askQuestion',
  'v01.decide',
];
const KNOWN_CARDS = [
  'f17.status',
  'f17.section',
  'f17.decision',
  'f17.review',
  'f17.consent',
  'c07.status',
  'c07.notification',
  'generic.mytasks',
  'start:F17',
  'start:C07',
  'start:V01',
  'v01.status',
];

describe('Security: generated bad input to /api/messages (fast-check)', function () {
  this.timeout(240_000);
  let h: BotHarness;
  // A fresh store numbers from 1, so the ids are known before the generators are built.
  const ids = ['MIX-2026-00001', 'HUI-2026-00001', 'MIX-2026-99999', 'VIS-2026-00001', 'HUI-1999-00001'];
  let tried = 0;
  const statuses = new Map<number, number>();

  before(async () => {
    h = await new BotHarness({
      people: users.filter((u) => u !== unknown),
      clock: new FixedClock(new Date('2026-03-02T21:00:00Z')),
    }).start();
    const e = h.app.engine;
    const o = { activityId: 'setup', correlationId: 'setup' };
    const mix = await e.start('F17', startInput({ site: SITE }), actor(cm), o);
    await e.execute(
      mix._id,
      {
        type: 'f17.recordConsent',
        consentObtainedBy: 'Aroha',
        consentDate: '2026-03-02',
        consentFormReference: 'IOMS 1',
      },
      actor(cm),
      o,
    );
    const hui = await e.start('C07', huiStartInput({ site: SITE }), actor(cm), o);
    assert.deepEqual([mix._id, hui._id], ids.slice(0, 2));
  });
  after(async () => {
    if (h) await h.stop();
    const summary = [...statuses.entries()].map(([s, n]) => `${s}: ${n}`).join(', ');
    process.stdout.write(`      fuzz inputs tried: ${tried} (HTTP statuses ${summary}); seed ${SEED}\n`);
  });

  const totalEvents = async () => (await verifyAudit(h.store)).events;

  const junkString = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.constantFrom(...UNICODE),
    fc.string({ unit: 'grapheme', minLength: 4_000, maxLength: 12_000 }),
    fc.constant('x'.repeat(300_000)),
  );
  const junkValue = fc.oneof(
    junkString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
    fc.anything({ maxDepth: 3 }),
  );
  const inputKey = fc.oneof(
    fc.constantFrom(
      'consentDate',
      'section',
      'outcome',
      'reasons',
      'consideration',
      'observations',
      'risksMixing',
      'site',
      'aadObjectId',
      'role',
      'prisonerId',
      'participants',
    ),
    fc.string({ maxLength: 20 }),
    fc.constantFrom('__proto__', 'constructor', '$set', 'a.b', ''),
  );
  const cardData = fc.record(
    {
      card: fc.oneof(fc.constantFrom(...KNOWN_CARDS), junkString, fc.integer()),
      applicationId: fc.oneof(fc.constantFrom(...ids), junkString, fc.constant(null)),
      command: fc.oneof(fc.constantFrom(...KNOWN_COMMANDS), junkString, fc.integer()),
      version: fc.oneof(fc.nat(50), fc.integer({ min: -5, max: 0 }), junkString),
      refresh: fc.oneof(fc.boolean(), junkString),
      args: fc.oneof(fc.dictionary(inputKey, junkValue, { maxKeys: 4 }), junkValue),
      params: fc.oneof(fc.dictionary(inputKey, junkValue, { maxKeys: 3 }), junkValue),
      inputs: fc.dictionary(inputKey, junkValue, { maxKeys: 8 }),
      answers: fc.constantFrom(undefined, answers.unit, answers.caseManagement, {
        outcome: 'approved',
        consideration: 'whānau 🙂',
        reasons: 'مرحبا',
        releasableReasons: 'whānau',
        releasableChecked: 'true',
      }),
    },
    { requiredKeys: [] },
  );

  /**
   * Posts one input and checks the properties. A broken property is recorded (by kind, with the
   * first example) rather than thrown, so one run tries every input and reports every kind of
   * failure; the last test fails if any was recorded.
   */
  const findings = new Map<string, { count: number; example: string }>();
  const finding = (kind: string, example: string) => {
    const f = findings.get(kind);
    if (f) f.count++;
    else findings.set(kind, { count: 1, example: example.slice(0, 400) });
  };

  async function check(
    label: string,
    send: () => Promise<{ status: number; body: unknown }>,
    mayWrite: boolean,
    notImplementedIsFine = false,
  ): Promise<void> {
    tried++;
    const eventsBefore = await totalEvents();
    const callsBefore = h.connector.calls.length;
    const logsBefore = h.logs.lines.length;
    const res = await send();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const bodyText = String(JSON.stringify(res.body));
    if (!(
      res.status === 200 ||
      (res.status >= 400 && res.status < 500) ||
      (notImplementedIsFine && res.status === 501)
    ))
      finding(`HTTP ${res.status}`, `${label}: ${bodyText}`);
    const body = res.body as { type?: string; value?: unknown } | undefined;
    let accepted = false;
    if (res.status === 200 && body && typeof body === 'object' && body.type) {
      if (
        !['application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.activity.message'].includes(
          body.type,
        )
      )
        finding(`answer of type ${body.type}`, label);
      accepted = JSON.stringify(body.value).includes('Recorded by');
    }
    for (const call of h.connector.calls.slice(callsBefore)) {
      if (!cardOf(call.body) && typeof call.body.text !== 'string')
        finding('a reply that is neither a card nor text', `${label}: ${JSON.stringify(call.body)}`);
    }
    for (const line of h.logs.lines.slice(logsBefore)) {
      if (line.includes('unhandled error in turn') || line.includes('request failed')) {
        const err = (JSON.parse(line) as { err?: { message?: string } }).err?.message ?? 'unknown';
        finding(`unhandled error (the user saw "Something went wrong"): ${err.slice(0, 80)}`, label);
      }
    }
    const eventsAfter = await totalEvents();
    if (!(mayWrite && accepted) && eventsAfter !== eventsBefore)
      finding('a refused input wrote events', `${label}: ${eventsAfter - eventsBefore} events; ${bodyText}`);
  }

  it('card submissions with wrong types, junk keys, stale versions, other ids and Unicode: always a clear answer, nothing written unless accepted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...users), cardData, async (who, d) => {
        const data: Record<string, unknown> = { ...(d.inputs ?? {}), ...(d.answers ?? {}) };
        for (const k of ['card', 'applicationId', 'command', 'version', 'refresh', 'args', 'params'] as const)
          if (k in d) data[k] = d[k];
        await check(
          `click by ${who.name}`,
          () =>
            h.post({
              ...h.baseActivity(who),
              type: 'invoke',
              name: 'adaptiveCard/action',
              value: { action: { type: 'Action.Execute', verb: 'tautoko', data }, trigger: 'manual' },
            }),
          who === cm || who === co || who === gm,
        );
      }),
      { numRuns: 1200, seed: SEED },
    );
  });

  it('invoke values that are not Action.Execute at all, and unknown invoke names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...users),
        fc.oneof(
          fc.constantFrom(
            'adaptiveCard/action',
            'composeExtension/query',
            'task/fetch',
            'signin/verifyState',
            'actionableMessage/executeAction',
          ),
          junkString,
        ),
        fc.anything({ maxDepth: 3 }),
        async (who, name, value) => {
          // 501 is the Bot Framework's answer to an invoke a bot does not handle; Teams expects it.
          await check(
            `invoke ${String(name).slice(0, 30)}`,
            () => h.post({ ...h.baseActivity(who), type: 'invoke', name, value }),
            false,
            name !== 'adaptiveCard/action',
          );
        },
      ),
      { numRuns: 300, seed: SEED },
    );
  });

  it('chat messages: known commands with junk arguments, unknown commands, Unicode, huge text', async () => {
    const commandLike = fc.oneof(
      junkString,
      fc
        .tuple(
          fc.constantFrom(
            'status',
            'my tasks',
            'applications for',
            'whois',
            'role add',
            'role remove',
            'withdraw consent',
            'disclosure',
            'new mix assessment',
            'new hui',
            'register channel',
            'outbox failed',
            'cancel',
            'help',
            'request review',
            'notices',
          ),
          junkString,
        )
        .map(([c, a]) => `${c} ${a}`),
      fc
        .tuple(
          fc.constantFrom('status', 'withdraw consent', 'disclosure'),
          fc.constantFrom(...UNICODE, 'MIX-2026-00001', 'mix-2026-1', 'MIX-9999-999999'),
        )
        .map(([c, a]) => `${c} ${a}`),
      fc.constantFrom(...UNICODE),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...users), commandLike, async (who, text) => {
        // Role changes from chat are allowed for admins only and nobody here is one.
        await check(
          `message by ${who.name}`,
          () => h.post({ ...h.baseActivity(who), type: 'message', text }),
          false,
        );
        await h.post({ ...h.baseActivity(who), type: 'message', text: 'cancel' });
      }),
      { numRuns: 450, seed: SEED },
    );
  });

  it('malformed activities: missing or wrongly typed fields, unknown types, junk channel data', async () => {
    const keys = [
      'id',
      'type',
      'serviceUrl',
      'channelId',
      'from',
      'conversation',
      'recipient',
      'channelData',
      'text',
      'value',
      'name',
      'timestamp',
      'locale',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...users),
        fc.constantFrom(
          'message',
          'invoke',
          'conversationUpdate',
          'installationUpdate',
          'messageReaction',
          'typing',
          'endOfConversation',
          'event',
          'nonsense',
          '',
        ),
        fc.subarray(keys),
        fc.dictionary(fc.constantFrom(...keys), fc.anything({ maxDepth: 2 }), { maxKeys: 4 }),
        async (who, type, drop, replace) => {
          const a: Record<string, unknown> = { ...h.baseActivity(who), type, text: 'my tasks' };
          for (const k of drop) delete a[k];
          // serviceUrl must stay the stub's: the bot must never be steered into calling an arbitrary host.
          for (const [k, v] of Object.entries(replace)) if (k !== 'serviceUrl') a[k] = v;
          await check(`activity ${type} without ${drop.join(',')}`, () => h.post(a), false);
        },
      ),
      { numRuns: 300, seed: SEED },
    );
  });

  it('bodies that are not activities: arrays, scalars, broken JSON, wrong content type', async () => {
    const bodies = [
      '[]',
      '1',
      '"x"',
      'null',
      '{',
      '{"type":',
      '\u0000',
      'x'.repeat(10),
      '{"type":"message","text":"' + 'é'.repeat(10) + '"}',
    ];
    for (const raw of bodies) {
      for (const contentType of ['application/json', 'text/plain', 'application/x-www-form-urlencoded']) {
        await check(
          `raw ${raw.slice(0, 12)} as ${contentType}`,
          async () => {
            const res = await fetch(`${h.url}/api/messages`, {
              method: 'POST',
              headers: { 'content-type': contentType },
              body: raw,
            });
            return { status: res.status, body: await res.text() };
          },
          false,
        );
      }
    }
  });

  it('still healthy afterwards: /healthz 200, every audit chain verifies, and no input broke a property', async () => {
    assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
    const report = await verifyAudit(h.store);
    assert.deepEqual(report.broken, []);
    assert.ok(tried >= 2000, `tried ${tried}`);
    const list = [...findings.entries()].map(([kind, f]) => `${kind} (x${f.count}), e.g. ${f.example}`);
    assert.deepEqual(list, [], `properties broken:\n${list.join('\n')}`);
  });
});
