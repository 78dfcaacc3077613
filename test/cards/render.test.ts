import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardSamples } from '../samples';
import {
  card,
  choiceInput,
  dateInput,
  execute,
  facts,
  formErrors,
  heading,
  notice,
  numberInput,
  refreshFor,
  section,
  text,
  textInput,
  timeInput,
  toggleInput,
} from '../../cards/kit';
import { GALLERY_DIR, galleryIndex } from '../../scripts/cards-gallery';
import { renderWithAdaptiveCards } from '../helpers/cardRender';
import { reservedInputIdIssues, teamsIssues, validateCard, walkCard } from '../helpers/cardSchema';

type Json = Record<string, unknown>;

function minimal(body: Json[], actions: Json[] = []): Json {
  return { type: 'AdaptiveCard', version: '1.5', body, ...(actions.length ? { actions } : {}) };
}

/** A card using every kit builder, as the process cards do. */
function kitCard() {
  const errors = [{ field: 'reason', message: 'Give a reason' }];
  return card(
    [
      ...heading('Suitability to mix', 'F.17 · A-1042'),
      ...notice({ text: 'Saved as a draft', tone: 'good' }),
      ...formErrors(errors, ['reason']),
      facts([
        ['Prisoner', 'Tama Ngata'],
        ['Site', undefined],
      ]),
      section('Your answers', [
        text('Whānau support is in place.', { subtle: true }),
        ...textInput({ id: 'reason', label: 'Reason', required: true, multiline: true, errors }),
        ...dateInput({ id: 'courtDate', label: 'Court date', value: '2026-12-01' }),
        ...timeInput({ id: 'start', label: 'Start time', value: '09:30' }),
        ...numberInput({ id: 'participants', label: 'Participants', value: '6', min: 1, max: 40 }),
        ...choiceInput({
          id: 'mode',
          label: 'Mode',
          required: true,
          expanded: true,
          choices: [
            { title: 'In person', value: 'inPerson' },
            { title: 'AVL', value: 'avl' },
          ],
        }),
        ...toggleInput({ id: 'consent', label: 'Consent', title: 'The prisoner consents' }),
      ]),
    ],
    [
      execute(
        'Approve',
        { card: 'f17.decision', applicationId: 'A-1042', command: 'f17.decide' },
        { style: 'positive' },
      ),
      execute('Cancel', { card: 'f17.status', applicationId: 'A-1042' }, { validate: false }),
    ],
    refreshFor({ card: 'f17.decision', applicationId: 'A-1042' }, ['aad-1', 'aad-2', 'aad-1']),
  );
}

describe('Adaptive Card checks', () => {
  describe('validateCard (the adaptivecards parser and the 1.5 rules it is lenient about) and teamsIssues', () => {
    it('accepts a card built with every cards/kit builder', () => {
      assert.deepEqual(validateCard(kitCard()), []);
    });

    it('accepts Table, RichTextBlock, ImageSet, ColumnSet, ActionSet, ShowCard and ToggleVisibility', () => {
      const c = minimal(
        [
          {
            type: 'Table',
            firstRowAsHeader: true,
            columns: [{ width: 1 }, { width: 2 }],
            rows: [
              { type: 'TableRow', cells: [{ type: 'TableCell', items: [{ type: 'TextBlock', text: 'a' }] }] },
            ],
          },
          {
            type: 'RichTextBlock',
            inlines: ['plain ', { type: 'TextRun', text: 'bold', weight: 'Bolder', italic: true }],
          },
          { type: 'ImageSet', images: [{ type: 'Image', url: 'https://example.com/a.png', altText: 'a' }] },
          {
            type: 'ColumnSet',
            columns: [
              { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: 'x' }] },
              { type: 'Column', width: 'stretch', items: [], verticalContentAlignment: 'Center' },
            ],
          },
          {
            type: 'ActionSet',
            actions: [{ type: 'Action.OpenUrl', title: 'Policy', url: 'https://example.com/f17' }],
          },
          { type: 'TextBlock', id: 'more', text: 'more', isVisible: false },
        ],
        [
          {
            type: 'Action.ShowCard',
            title: 'Details',
            card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'in' }] },
          },
          {
            type: 'Action.ToggleVisibility',
            title: 'More',
            targetElements: ['more', { elementId: 'more', isVisible: true }],
          },
          { type: 'Action.Submit', title: 'Send', data: { x: 1 } },
        ],
      );
      assert.deepEqual(validateCard(c), []);
    });

    const rejects: Array<[string, unknown, string]> = [
      [
        'a card without a version',
        { type: 'AdaptiveCard', body: [] },
        "/: must have required property 'version'",
      ],
      [
        'an unknown element type',
        minimal([{ type: 'Carousel', pages: [] }]),
        '/body/0: element "Carousel" is not rendered by Teams',
      ],
      [
        'Media',
        minimal([{ type: 'Media', sources: [] }]),
        '/body/0: Media is not supported in Teams bot cards (it does not play on Teams mobile); link to the file instead',
      ],
      [
        'an unknown action type',
        minimal([], [{ type: 'Action.Http', title: 'x' }]),
        'parser UnknownActionType: Unknown action type "Action.Http". Fallback will be used if present.',
      ],
      [
        'a TextBlock without text',
        minimal([{ type: 'TextBlock', wrap: true }]),
        "/body/0: must have required property 'text'",
      ],
      [
        'a value outside an enum',
        minimal([{ type: 'TextBlock', text: 'x', size: 'Huge' }]),
        'parser InvalidPropertyValue: Invalid value "Huge" for property "size".',
      ],
      [
        'an input without an id',
        minimal([{ type: 'Input.Text', label: 'Name' }]),
        'parser PropertyCantBeNull: All inputs must have a unique Id.',
      ],
      [
        'a Container without items',
        minimal([{ type: 'Container', style: 'good' }]),
        "/body/0: must have required property 'items'",
      ],
      [
        'a date in the wrong format',
        minimal([{ type: 'Input.Date', id: 'd', value: '01/12/2026' }]),
        '/body/0/value: must be a date (YYYY-MM-DD)',
      ],
      [
        'a fact without a value',
        minimal([{ type: 'FactSet', facts: [{ title: 'a' }] }]),
        "/body/0/facts/0: must have required property 'value'",
      ],
      [
        'a number input with a text value',
        minimal([{ type: 'Input.Number', id: 'n', value: '6' }]),
        '/body/0/value: must be number',
      ],
      [
        'ShowCard as a selectAction',
        minimal([
          {
            type: 'Container',
            items: [],
            selectAction: { type: 'Action.ShowCard', card: { type: 'AdaptiveCard' } },
          },
        ]),
        'parser ActionTypeNotAllowed: Action type "Action.ShowCard" is not allowed in this context.',
      ],
      [
        'an element nested in a column',
        minimal([{ type: 'ColumnSet', columns: [{ items: [{ type: 'Input.Toggle', id: 't' }] }] }]),
        "/body/0/columns/0/items/0: must have required property 'title'",
      ],
    ];
    for (const [what, c, message] of rejects) {
      it(`rejects ${what}`, () => {
        const errors = [...validateCard(c), ...teamsIssues(c)];
        assert.ok(errors.includes(message), `expected "${message}" among:\n${errors.join('\n')}`);
      });
    }

    it('matches enum values in any case, as the official schema does', () => {
      assert.deepEqual(
        validateCard(minimal([{ type: 'TextBlock', text: 'x', weight: 'bolder', color: 'ATTENTION' }])),
        [],
      );
    });
  });

  describe('the adaptivecards renderer in jsdom', () => {
    it('renders a clean card with no warnings', () => {
      const r = renderWithAdaptiveCards(kitCard());
      assert.deepEqual(r.warnings, []);
      assert.match(r.html ?? '', /Suitability to mix/);
      assert.match(r.html ?? '', /Approve/);
    });

    it('warns about unknown types, invalid values and duplicate input ids', () => {
      const r = renderWithAdaptiveCards(
        minimal(
          [
            { type: 'Bogus' },
            { type: 'TextBlock', text: 'x', size: 'Huge' },
            { type: 'Input.Text', id: 'a', label: 'A' },
            { type: 'Input.Text', id: 'a', label: 'A again' },
          ],
          [{ type: 'Action.Http', title: 'x' }],
        ),
      );
      assert.ok(
        r.warnings.includes(
          'UnknownElementType: Unknown element type "Bogus". Fallback will be used if present.',
        ),
        r.warnings.join('\n'),
      );
      assert.ok(
        r.warnings.includes('InvalidPropertyValue: Invalid value "Huge" for property "size".'),
        r.warnings.join('\n'),
      );
      assert.ok(
        r.warnings.includes(
          'UnknownActionType: Unknown action type "Action.Http". Fallback will be used if present.',
        ),
        r.warnings.join('\n'),
      );
      assert.ok(
        r.warnings.some((w) => w.startsWith('DuplicateId:')),
        r.warnings.join('\n'),
      );
    });

    it('warns about a card version it does not support', () => {
      const r = renderWithAdaptiveCards({ ...minimal([{ type: 'TextBlock', text: 'x' }]), version: '9.0' });
      assert.ok(
        r.warnings.some((w) => w.startsWith('UnsupportedCardVersion:')),
        r.warnings.join('\n'),
      );
    });
  });

  describe('Teams support checks', () => {
    const cases: Array<[string, unknown, string]> = [
      [
        'Media',
        minimal([{ type: 'Container', items: [{ type: 'Media', sources: [] }] }]),
        '/body/0/items/0: Media is not supported in Teams bot cards (it does not play on Teams mobile); link to the file instead',
      ],
      [
        'an element Teams does not render',
        minimal([{ type: 'Carousel' }]),
        '/body/0: element "Carousel" is not rendered by Teams',
      ],
      [
        'an action Teams does not support',
        minimal([], [{ type: 'Action.Http' }]),
        '/actions/0: action "Action.Http" is not supported by Teams',
      ],
      [
        'Action.Execute without a verb',
        minimal([], [{ type: 'Action.Execute', title: 'Go', data: {} }]),
        '/actions/0: Action.Execute needs a verb',
      ],
      [
        'a nested Execute without a verb',
        minimal([{ type: 'ActionSet', actions: [{ type: 'Action.Execute', verb: '' }] }]),
        '/body/0/actions/0: Action.Execute needs a verb',
      ],
      [
        'an input without an id',
        minimal([{ type: 'Input.Toggle', title: 'x' }]),
        '/body/0: Input.Toggle needs an id, or Teams sends its value nowhere',
      ],
      [
        'a version above 1.5',
        { ...minimal([]), version: '1.6' },
        '/version: Teams renders Adaptive Cards up to 1.5, not 1.6',
      ],
      [
        'refresh with Action.Submit',
        { ...minimal([]), refresh: { action: { type: 'Action.Submit' } } },
        '/refresh/action: Teams refreshes cards only with Action.Execute',
      ],
      [
        'refresh for more than 60 users',
        {
          ...minimal([]),
          refresh: {
            action: { type: 'Action.Execute', verb: 'v' },
            userIds: Array.from({ length: 61 }, (_, i) => `u${i}`),
          },
        },
        '/refresh/userIds: Teams refreshes for at most 60 users',
      ],
      [
        'seven actions',
        minimal(
          [],
          Array.from({ length: 7 }, () => ({ type: 'Action.Submit', title: 'x' })),
        ),
        '/: Teams shows at most 6 actions in a row; the rest are dropped',
      ],
      [
        'an http image',
        minimal([{ type: 'Image', url: 'http://example.com/a.png' }]),
        '/body/0/url: Teams loads images over https only',
      ],
    ];
    for (const [what, c, message] of cases) {
      it(`reports ${what}`, () => {
        const issues = teamsIssues(c);
        assert.ok(issues.includes(message), `expected "${message}" among:\n${issues.join('\n')}`);
      });
    }

    it('reports a card over the Teams message size', () => {
      const issues = teamsIssues(minimal([{ type: 'TextBlock', text: 'x'.repeat(30_000) }]));
      assert.equal(issues.length, 1);
      assert.match(issues[0]!, /^\/: card is \d+ bytes; Teams rejects messages over about 28000$/);
    });

    it('finds nothing wrong with a kit-built card', () => {
      assert.deepEqual(teamsIssues(kitCard()), []);
      assert.deepEqual(reservedInputIdIssues(kitCard()), []);
    });

    it('reports input ids that would overwrite Action.Execute data', () => {
      assert.deepEqual(reservedInputIdIssues(minimal([{ type: 'Input.Text', id: 'command' }])), [
        '/body/0: input id "command" is reserved for Action.Execute data',
      ]);
    });

    it('walks into columns, table cells, show cards, select actions and refresh', () => {
      const c = {
        ...minimal(
          [
            { type: 'ColumnSet', columns: [{ items: [{ type: 'TextBlock', text: 'c' }] }] },
            {
              type: 'Table',
              rows: [
                {
                  type: 'TableRow',
                  cells: [{ type: 'TableCell', items: [{ type: 'Image', url: 'https://x/a.png' }] }],
                },
              ],
            },
            { type: 'Container', items: [], selectAction: { type: 'Action.OpenUrl', url: 'https://x' } },
          ],
          [
            {
              type: 'Action.ShowCard',
              card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'x' }] },
            },
          ],
        ),
        refresh: { action: { type: 'Action.Execute', verb: 'v' } },
      };
      assert.deepEqual(
        walkCard(c).map((n) => `${n.kind} ${n.path}`),
        [
          'card ',
          'element /body/0',
          'column /body/0/columns/0',
          'element /body/0/columns/0/items/0',
          'element /body/1',
          'element /body/1/rows/0/cells/0/items/0',
          'element /body/2',
          'action /body/2/selectAction',
          'action /actions/0',
          'card /actions/0/card',
          'element /actions/0/card/body/0',
          'action /refresh/action',
        ],
      );
    });
  });

  describe('every card the bot can send (test/samples)', () => {
    it('has unique sample names that are safe as file names, each with a description', () => {
      const names = cardSamples.map((s) => s.name);
      assert.equal(
        new Set(names).size,
        names.length,
        `duplicate names: ${names.filter((n, i) => names.indexOf(n) !== i).join(', ')}`,
      );
      for (const s of cardSamples) {
        assert.match(s.name, /^[a-z0-9][a-z0-9.-]*$/, `sample name "${s.name}"`);
        assert.ok(s.description.trim().length > 0, `sample ${s.name} has no description`);
      }
    });

    for (const sample of cardSamples) {
      it(`${sample.name}: valid Adaptive Card 1.5, renders without warnings, only what Teams supports`, () => {
        const problems = [
          ...validateCard(sample.card).map((m) => `schema ${m}`),
          ...renderWithAdaptiveCards(sample.card).warnings.map((m) => `renderer ${m}`),
          ...teamsIssues(sample.card).map((m) => `teams ${m}`),
          ...reservedInputIdIssues(sample.card).map((m) => `data ${m}`),
        ];
        assert.deepEqual(
          problems,
          [],
          `card sample "${sample.name}" (${sample.description}):\n  ${problems.join('\n  ')}`,
        );
      });
    }
  });

  describe('the committed gallery (docs/cards)', () => {
    it("is current: one PNG per sample and an index of today's cards (else run `npm run cards:gallery`)", () => {
      const pngs = readdirSync(GALLERY_DIR)
        .filter((f) => f.endsWith('.png'))
        .sort();
      const expected = cardSamples.map((s) => `${s.name}.png`).sort();
      assert.deepEqual(
        pngs,
        expected,
        'docs/cards has PNGs for other samples than test/samples: run npm run cards:gallery',
      );
      // index.html carries each card's JSON hash, so a card changed since its PNG was taken shows up here.
      const index = readFileSync(join(GALLERY_DIR, 'index.html'), 'utf8');
      assert.ok(
        index === galleryIndex(cardSamples),
        'docs/cards/index.html is stale: run npm run cards:gallery',
      );
    });
  });
});
