import assert from 'node:assert/strict';
import { blocksOfCard } from '../../bot/tab/statusView';
import { F17Fixture, people } from '../fixtures/f17';
import { openInTautoko, tabDeepLink, TAB_ENTITY_ID } from '../../cards/links';
import { cardRenderers } from '../../cards/registry';
import { cardSamples } from '../samples';
import type { AdaptiveCard, CardAction } from '../../cards/types';
import { neutraliseCell, toCsv } from '../../services/csv';
import { validateCard } from '../helpers/cardSchema';

describe('CSV export cells', () => {
  const cases: Array<[string, string]> = [
    ['=1+2', "'=1+2"],
    ['+64 21 000 000', "'+64 21 000 000"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['Tama Rāwiri', 'Tama Rāwiri'],
    ['a=b', 'a=b'],
    ['', ''],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () =>
      assert.equal(neutraliseCell(input), expected));
  }
  it('quotes every cell, doubles quotes, ends lines with CRLF and starts with a byte-order mark', () => {
    assert.equal(
      toCsv(
        ['a', 'b'],
        [
          ['say "hi"', '=x'],
          ['line\nbreak', 'ok'],
        ],
      ),
      '\uFEFF"a","b"\r\n"say ""hi""","\'=x"\r\n"line\nbreak","ok"\r\n',
    );
  });
});

describe('Open in Tautoko', () => {
  const links = { teamsAppId: '12345678-1234-1234-1234-123456789abc' };

  it('is a Teams deep link to the My work tab with the application as the sub-entity', () => {
    const url = new URL(tabDeepLink(links, 'MIX-2026-00042'));
    assert.equal(url.origin, 'https://teams.microsoft.com');
    assert.equal(url.pathname, `/l/entity/${links.teamsAppId}/${TAB_ENTITY_ID}`);
    assert.deepEqual(JSON.parse(url.searchParams.get('context')!), { subEntityId: 'MIX-2026-00042' });
  });

  it('appears on status cards and channel posts only when the Teams app id is configured', () => {
    const f = F17Fixture.start();
    const button = (c: AdaptiveCard) =>
      (c.actions ?? []).find((a: CardAction) => a.title === 'Open in Tautoko');
    for (const name of ['f17.status', 'f17.channelDecision']) {
      const base = { app: f.app, viewer: people.caseManager, now: f.now, params: {}, history: f.history };
      const without = cardRenderers[name]!(base);
      const withLink = cardRenderers[name]!({ ...base, links });
      assert.equal(button(without), undefined, `${name} without an app id`);
      assert.deepEqual(button(withLink), {
        type: 'Action.OpenUrl',
        title: 'Open in Tautoko',
        url: tabDeepLink(links, f.app._id),
      });
      assert.deepEqual(validateCard(withLink), [], `${name} still validates`);
    }
    assert.deepEqual(openInTautoko({ app: f.app }), []);
  });
});

describe('the Application page is the status card', () => {
  it('turns sections into titled blocks, keeps facts and text, and drops every button and input', () => {
    const card: AdaptiveCard = {
      type: 'AdaptiveCard',
      $schema: 'x',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Title', style: 'heading', size: 'Large', weight: 'Bolder' },
        { type: 'TextBlock', text: '**Bold** words', isSubtle: true },
        { type: 'FactSet', facts: [{ title: 'Stage', value: 'review' }] },
        {
          type: 'Container',
          separator: true,
          items: [
            { type: 'TextBlock', text: 'Timeline', weight: 'Bolder' },
            { type: 'TextBlock', text: 'Late', color: 'Attention' },
            { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Approve' }] },
            { type: 'Input.Text', id: 'x', label: 'Reason' },
          ],
        },
      ],
      actions: [{ type: 'Action.Execute', title: 'Decline' }],
    };
    assert.deepEqual(blocksOfCard(card), [
      { type: 'heading', text: 'Title' },
      { type: 'text', text: 'Bold words', tone: 'subtle' },
      { type: 'facts', facts: [{ title: 'Stage', value: 'review' }] },
      { type: 'section', title: 'Timeline', blocks: [{ type: 'text', text: 'Late', tone: 'attention' }] },
    ]);
  });
});

describe('the Application page keeps every word of each status card', () => {
  /** Every TextBlock, RichTextBlock and fact of a card, outside buttons and inputs. */
  function words(elements: unknown[], out: string[] = []): string[] {
    for (const raw of elements) {
      const el = raw as Record<string, unknown>;
      if (el.type === 'ActionSet' || String(el.type).startsWith('Input.')) continue;
      if (el.type === 'TextBlock' && typeof el.text === 'string')
        out.push(el.text.replace(/\*\*(.+?)\*\*/g, '$1'));
      if (el.type === 'FactSet')
        for (const f of el.facts as Array<{ title: string; value: string }>) out.push(f.title, f.value);
      for (const key of ['items', 'columns']) if (Array.isArray(el[key])) words(el[key] as unknown[], out);
    }
    return out;
  }
  function blockWords(blocks: ReturnType<typeof blocksOfCard>, out: string[] = []): string[] {
    for (const b of blocks) {
      if (b.type === 'heading' || b.type === 'text') out.push(b.text);
      if (b.type === 'facts') for (const f of b.facts) out.push(f.title, f.value);
      if (b.type === 'section') {
        out.push(b.title);
        blockWords(b.blocks, out);
      }
    }
    return out;
  }
  const statusSamples = cardSamples.filter((s) => /^(f17|c07|v01|v01p)\.status\b/.test(s.name));
  it('has status samples of every process to check', () => {
    for (const kind of ['f17', 'c07', 'v01'])
      assert.ok(
        statusSamples.some((s) => s.name.startsWith(`${kind}.status`)),
        kind,
      );
  });
  for (const sample of statusSamples) {
    it(sample.name, () => {
      assert.deepEqual(blockWords(blocksOfCard(sample.card)).sort(), words(sample.card.body).sort());
    });
  }
});
