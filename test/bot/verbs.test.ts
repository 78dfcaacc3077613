import assert from 'node:assert/strict';
import { legacyVerb, parseAction, verbOf } from '../../bot/actionData';
import { ACTION_VERBS, LEGACY_VERB } from '../../cards/actionVerbs';
import { STATUS_TO_CHAT } from '../../cards/statusButtons';
import { cardSamples } from '../samples';

/** Every Action.Execute anywhere in a card, with its verb and data (a refresh action too). */
function executes(card: unknown): Array<{ verb: unknown; data: unknown; at: string }> {
  const out: Array<{ verb: unknown; data: unknown; at: string }> = [];
  const walk = (v: unknown, at: string) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}/${i}`));
    const o = v as Record<string, unknown>;
    if (o.type === 'Action.Execute') out.push({ verb: o.verb, data: o.data, at });
    for (const [k, x] of Object.entries(o)) walk(x, `${at}/${k}`);
  };
  walk(card, '');
  return out;
}

describe('card action verbs (cards/actionVerbs.ts, bot/actionData.ts)', () => {
  it('a button of the old single verb is read from its data as the bot read it before verbs', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ card: 'start:F17', params: { step: 0, go: 'next' } }, 'start'],
      [{ card: 'start:V01' }, 'start'],
      [{ card: 'generic.mytasks' }, 'myTasks'],
      [{ card: STATUS_TO_CHAT, applicationId: 'MIX-2026-00001' }, 'statusToChat'],
      [{ card: 'f17.decision', applicationId: 'MIX-2026-00001', refresh: true }, 'refresh'],
      [
        { card: 'f17.decision', applicationId: 'MIX-2026-00001', command: 'f17.decide', refresh: true },
        'refresh',
      ],
      [{ card: 'f17.decision', applicationId: 'MIX-2026-00001', command: 'f17.decide' }, 'submit'],
      [{ card: 'f17.status', applicationId: 'MIX-2026-00001' }, 'open'],
      [{ card: 'f17.status', applicationId: 'MIX-2026-00001', params: { show: 'timeline' } }, 'open'],
    ];
    for (const [data, verb] of cases) {
      const parsed = parseAction(data);
      assert.ok(parsed, JSON.stringify(data));
      assert.equal(verbOf(LEGACY_VERB, parsed.data), verb, JSON.stringify(data));
    }
  });

  it("a button of today's verbs is taken at its word; any other verb is no action of Tautoko's", () => {
    const data = parseAction({ card: 'f17.status', applicationId: 'MIX-2026-00001' })!.data;
    for (const verb of ACTION_VERBS) assert.equal(verbOf(verb, data), verb);
    for (const verb of ['', 'Submit', 'toString', 'constructor', undefined, null, 3, { verb: 'open' }])
      assert.equal(verbOf(verb, data), undefined, String(verb));
  });

  it("every button on every card the bot sends carries its kind's verb, the one its data meant under the old verb", () => {
    let seen = 0;
    for (const sample of cardSamples) {
      for (const { verb, data, at } of executes(sample.card)) {
        const parsed = parseAction(data);
        assert.ok(parsed, `${sample.name}${at}: unreadable data`);
        assert.ok(
          (ACTION_VERBS as readonly unknown[]).includes(verb),
          `${sample.name}${at}: verb ${String(verb)}`,
        );
        assert.equal(verb, legacyVerb(parsed.data), `${sample.name}${at}`);
        seen++;
      }
    }
    const kinds = new Set(cardSamples.flatMap((s) => executes(s.card).map((e) => e.verb)));
    assert.deepEqual([...kinds].sort(), [...ACTION_VERBS].sort(), 'the samples show every kind of action');
    assert.ok(seen > 100, `only ${seen} buttons`);
  });
});
