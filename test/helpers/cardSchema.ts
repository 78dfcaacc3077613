import { parseWithAdaptiveCards } from './cardRender';

/**
 * Adaptive Card 1.5 validation for the subset Microsoft Teams renders: the real `adaptivecards`
 * parser (every parse and validation event it raises is a problem), plus the few structural rules
 * of the 1.5 schema that the parser is lenient about. What Teams itself does not support is in
 * `teamsIssues` below.
 */

/** Element types Teams renders: the Adaptive Card 1.5 elements. */
export const TEAMS_ELEMENT_TYPES = [
  'TextBlock',
  'RichTextBlock',
  'Image',
  'Container',
  'ColumnSet',
  'FactSet',
  'ImageSet',
  'ActionSet',
  'Table',
  'Input.Text',
  'Input.Number',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.ChoiceSet',
] as const;
export const TEAMS_ACTION_TYPES = [
  'Action.Execute',
  'Action.Submit',
  'Action.OpenUrl',
  'Action.ShowCard',
  'Action.ToggleVisibility',
] as const;

/** Properties the 1.5 schema requires but the parser fills in or ignores when they are missing. */
const REQUIRED: Record<string, readonly string[]> = {
  TextBlock: ['text'],
  Container: ['items'],
  Column: ['items'],
  FactSet: ['facts'],
  Image: ['url'],
  ImageSet: ['images'],
  'Input.Toggle': ['title'],
};

/** Value formats the parser takes on trust (a wrong one renders an empty input in Teams). */
const VALUE_FORMATS: Record<string, { test: (v: unknown) => boolean; message: string }> = {
  'Input.Number': { test: (v) => typeof v === 'number', message: 'must be number' },
  'Input.Date': {
    test: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
    message: 'must be a date (YYYY-MM-DD)',
  },
  'Input.Time': {
    test: (v) => typeof v === 'string' && /^\d{2}:\d{2}$/.test(v),
    message: 'must be a time (HH:MM)',
  },
};

function lenientParserIssues(card: unknown): string[] {
  const out: string[] = [];
  if (typeof (card as { version?: unknown }).version !== 'string')
    out.push("/: must have required property 'version'");
  for (const { path, node, kind } of walkCard(card)) {
    const type = kind === 'column' ? 'Column' : String(node['type']);
    for (const key of REQUIRED[type] ?? [])
      if (node[key] === undefined) out.push(`${path}: must have required property '${key}'`);
    const format = VALUE_FORMATS[type];
    if (format && node['value'] !== undefined && !format.test(node['value']))
      out.push(`${path}/value: ${format.message}`);
    if (type === 'FactSet' && Array.isArray(node['facts']))
      (node['facts'] as Array<Record<string, unknown>>).forEach((f, i) => {
        for (const key of ['title', 'value'])
          if (typeof f[key] !== 'string')
            out.push(`${path}/facts/${i}: must have required property '${key}'`);
      });
  }
  return out;
}

/** Every problem with a card as Adaptive Card 1.5, as "<where>: <message>"; empty when valid. */
export function validateCard(card: unknown): string[] {
  if (typeof card !== 'object' || card === null || (card as { type?: unknown }).type !== 'AdaptiveCard')
    return ['/: must be an object of type "AdaptiveCard"'];
  return [
    ...new Set([...parseWithAdaptiveCards(card).map((w) => `parser ${w}`), ...lenientParserIssues(card)]),
  ];
}

export interface CardNode {
  /** JSON pointer of the node within the card. */
  path: string;
  node: Record<string, unknown>;
  kind: 'element' | 'column' | 'action' | 'card';
}

/** Every element, action and (nested) card in a card, with its JSON pointer. */
export function walkCard(card: unknown): CardNode[] {
  const out: CardNode[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const visit = (v: unknown, path: string, kind: CardNode['kind']): void => {
    if (!isObj(v)) return;
    out.push({ path, node: v, kind });
    const list = (key: string, k: CardNode['kind']) => {
      const a = v[key];
      if (Array.isArray(a)) a.forEach((x, i) => visit(x, `${path}/${key}/${i}`, k));
    };
    list('body', 'element');
    list('items', 'element');
    if (v['type'] === 'ColumnSet') list('columns', 'column');
    list('images', 'element');
    list('actions', 'action');
    if (Array.isArray(v['rows'])) {
      v['rows'].forEach((row, r) => {
        if (isObj(row) && Array.isArray(row['cells'])) {
          row['cells'].forEach((cell, c) => {
            if (isObj(cell) && Array.isArray(cell['items'])) {
              cell['items'].forEach((x, i) => visit(x, `${path}/rows/${r}/cells/${c}/items/${i}`, 'element'));
            }
          });
        }
      });
    }
    for (const key of ['selectAction', 'inlineAction'])
      if (isObj(v[key])) visit(v[key], `${path}/${key}`, 'action');
    if (isObj(v['fallback'])) visit(v['fallback'], `${path}/fallback`, kind);
    if (isObj(v['card'])) visit(v['card'], `${path}/card`, 'card');
    if (isObj(v['refresh']) && isObj(v['refresh']['action']))
      visit(v['refresh']['action'], `${path}/refresh/action`, 'action');
  };
  visit(card, '', 'card');
  return out;
}

/** The largest message Teams accepts from a bot is about 28 KB, card included. */
export const TEAMS_MAX_CARD_BYTES = 28_000;
export const TEAMS_MAX_ACTIONS = 6;
export const TEAMS_MAX_REFRESH_USERS = 60;
export const TEAMS_MAX_VERSION = '1.5';

/**
 * What Teams does not support or handles differently from the Adaptive Card spec, each check with
 * the reason. They run over the raw JSON, so they also catch what the schema would let through.
 */
export const TEAMS_UNSUPPORTED: ReadonlyArray<{ name: string; check: (card: unknown) => string[] }> = [
  {
    name: 'card version',
    // Teams mobile renders 1.5 at most; a higher version shows only the fallback text there.
    check: (card) => {
      const v = (card as { version?: unknown }).version;
      if (typeof v !== 'string') return [];
      const [maj, min] = v.split('.').map(Number);
      const [maxMaj, maxMin] = TEAMS_MAX_VERSION.split('.').map(Number);
      return maj! > maxMaj! || (maj === maxMaj && min! > maxMin!)
        ? [`/version: Teams renders Adaptive Cards up to ${TEAMS_MAX_VERSION}, not ${v}`]
        : [];
    },
  },
  {
    name: 'Media element',
    check: (card) =>
      walkCard(card)
        .filter((n) => n.node['type'] === 'Media')
        .map(
          (n) =>
            `${n.path}: Media is not supported in Teams bot cards (it does not play on Teams mobile); link to the file instead`,
        ),
  },
  {
    name: 'element types outside the Teams subset',
    check: (card) =>
      walkCard(card)
        .filter(
          (n) =>
            n.kind === 'element' &&
            n.node['type'] !== 'Media' &&
            !(TEAMS_ELEMENT_TYPES as readonly unknown[]).includes(n.node['type']),
        )
        .map((n) => `${n.path}: element "${String(n.node['type'])}" is not rendered by Teams`),
  },
  {
    name: 'action types outside the Teams subset',
    check: (card) =>
      walkCard(card)
        .filter(
          (n) => n.kind === 'action' && !(TEAMS_ACTION_TYPES as readonly unknown[]).includes(n.node['type']),
        )
        .map((n) => `${n.path}: action "${String(n.node['type'])}" is not supported by Teams`),
  },
  {
    name: 'Action.Execute verb',
    // Teams sends an adaptiveCard/action invoke carrying the verb; without one the bot cannot route it.
    check: (card) =>
      walkCard(card)
        .filter(
          (n) =>
            n.node['type'] === 'Action.Execute' &&
            (typeof n.node['verb'] !== 'string' || n.node['verb'] === ''),
        )
        .map((n) => `${n.path}: Action.Execute needs a verb`),
  },
  {
    name: 'input id',
    check: (card) =>
      walkCard(card)
        .filter(
          (n) =>
            String(n.node['type']).startsWith('Input.') &&
            (typeof n.node['id'] !== 'string' || n.node['id'] === ''),
        )
        .map((n) => `${n.path}: ${String(n.node['type'])} needs an id, or Teams sends its value nowhere`),
  },
  {
    name: 'refresh',
    check: (card) => {
      const r = (card as { refresh?: { action?: { type?: unknown }; userIds?: unknown } }).refresh;
      if (!r) return [];
      const out: string[] = [];
      if (r.action?.type !== 'Action.Execute')
        out.push('/refresh/action: Teams refreshes cards only with Action.Execute');
      if (Array.isArray(r.userIds) && r.userIds.length > TEAMS_MAX_REFRESH_USERS) {
        out.push(`/refresh/userIds: Teams refreshes for at most ${TEAMS_MAX_REFRESH_USERS} users`);
      }
      return out;
    },
  },
  {
    name: 'number of actions',
    check: (card) =>
      walkCard(card)
        .filter(
          (n) =>
            Array.isArray(n.node['actions']) && (n.node['actions'] as unknown[]).length > TEAMS_MAX_ACTIONS,
        )
        .map(
          (n) =>
            `${n.path || '/'}: Teams shows at most ${TEAMS_MAX_ACTIONS} actions in a row; the rest are dropped`,
        ),
  },
  {
    name: 'image URLs',
    check: (card) =>
      walkCard(card)
        .filter(
          (n) =>
            n.node['type'] === 'Image' && typeof n.node['url'] === 'string' && /^http:/i.test(n.node['url']),
        )
        .map((n) => `${n.path}/url: Teams loads images over https only`),
  },
  {
    name: 'message size',
    check: (card) => {
      const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
      return bytes > TEAMS_MAX_CARD_BYTES
        ? [`/: card is ${bytes} bytes; Teams rejects messages over about ${TEAMS_MAX_CARD_BYTES}`]
        : [];
    },
  },
];

/** Every Teams-support problem in a card; empty when Teams renders it as designed. */
export function teamsIssues(card: unknown): string[] {
  return TEAMS_UNSUPPORTED.flatMap((c) => c.check(card));
}

/**
 * Input ids the bot merges beside ActionData (docs/architecture.md): an input with one of these ids
 * would overwrite the card's own routing data when Teams merges inputs into Action.Execute data.
 */
export const RESERVED_INPUT_IDS = ['card', 'applicationId', 'command', 'args', 'params', 'refresh'] as const;

export function reservedInputIdIssues(card: unknown): string[] {
  return walkCard(card)
    .filter(
      (n) =>
        String(n.node['type']).startsWith('Input.') &&
        (RESERVED_INPUT_IDS as readonly unknown[]).includes(n.node['id']),
    )
    .map((n) => `${n.path}: input id "${String(n.node['id'])}" is reserved for Action.Execute data`);
}
