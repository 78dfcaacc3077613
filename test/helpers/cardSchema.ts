import Ajv from 'ajv';
import type { ErrorObject, SchemaObject } from 'ajv';

/**
 * Adaptive Card 1.5 validation for the subset Microsoft Teams renders.
 *
 * No package in node_modules (or adaptivecards-designer 2.4.4, which ships a pre-1.3 schema) carries
 * the official 1.5 JSON schema, so this is a JSON schema written from the 1.5 element reference and
 * limited to what Teams supports. It is strict where Teams is: unknown element and action types,
 * unknown properties, missing required properties and values outside an enum are errors. As in the
 * official schema, enum values match without regard to case ("Bolder" and "bolder").
 */

const SPACING = ['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding'];
const COLORS = ['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention'];
const CONTAINER_STYLES = ['default', 'emphasis', 'good', 'attention', 'warning', 'accent'];
const H_ALIGN = ['Left', 'Center', 'Right'];
const V_ALIGN = ['Top', 'Center', 'Bottom'];
const FONT_SIZES = ['Default', 'Small', 'Medium', 'Large', 'ExtraLarge'];
const FONT_WEIGHTS = ['Default', 'Lighter', 'Bolder'];
const FONT_TYPES = ['Default', 'Monospace'];
const IMAGE_SIZES = ['Auto', 'Stretch', 'Small', 'Medium', 'Large'];

/** Element types this schema accepts: the Adaptive Card 1.5 elements Teams renders. */
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

const str = { type: 'string' };
const bool = { type: 'boolean' };
const num = { type: 'number' };
const pixels = { type: 'string', pattern: '^[0-9]+px$' };
const enumCI = (values: string[]) => ({ type: 'string', enumCI: values });
const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
const arrayOf = (items: object) => ({ type: 'array', items });

const backgroundImage = {
  anyOf: [
    str,
    {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: str,
        fillMode: enumCI(['Cover', 'RepeatHorizontally', 'RepeatVertically', 'Repeat']),
        horizontalAlignment: enumCI(H_ALIGN),
        verticalAlignment: enumCI(V_ALIGN),
      },
    },
  ],
};

/** Properties every element has (Element and ToggleableItem in the reference). */
const elementCommon = {
  id: str,
  isVisible: bool,
  requires: { type: 'object', additionalProperties: str },
  fallback: { anyOf: [{ const: 'drop' }, ref('Element')] },
  height: enumCI(['auto', 'stretch']),
  separator: bool,
  spacing: enumCI(SPACING),
};

function element(type: string, properties: Record<string, object>, required: string[] = []): SchemaObject {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['type', ...required],
    properties: { type: { const: type }, ...elementCommon, ...properties },
  };
}

const containerLike = {
  selectAction: ref('SelectAction'),
  style: enumCI(CONTAINER_STYLES),
  verticalContentAlignment: enumCI(V_ALIGN),
  bleed: bool,
  backgroundImage,
  minHeight: pixels,
  rtl: { type: ['boolean', 'null'] },
};

const inputCommon = { id: str, label: str, isRequired: bool, errorMessage: str };
function input(type: string, properties: Record<string, object>, required: string[] = []): SchemaObject {
  return element(type, { ...inputCommon, ...properties }, ['id', ...required]);
}

const actionCommon = {
  title: str,
  iconUrl: str,
  id: str,
  style: enumCI(['default', 'positive', 'destructive']),
  fallback: { anyOf: [{ const: 'drop' }, ref('Action')] },
  tooltip: str,
  isEnabled: bool,
  mode: enumCI(['primary', 'secondary']),
  requires: { type: 'object', additionalProperties: str },
};
function action(type: string, properties: Record<string, object>, required: string[] = []): SchemaObject {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['type', ...required],
    properties: { type: { const: type }, ...actionCommon, ...properties },
  };
}

const textRun = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'text'],
  properties: {
    type: { const: 'TextRun' },
    text: str,
    color: enumCI(COLORS),
    fontType: enumCI(FONT_TYPES),
    highlight: bool,
    isSubtle: bool,
    italic: bool,
    selectAction: ref('SelectAction'),
    size: enumCI(FONT_SIZES),
    strikethrough: bool,
    underline: bool,
    weight: enumCI(FONT_WEIGHTS),
  },
};

const column = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { const: 'Column' },
    ...elementCommon,
    ...containerLike,
    fallback: { anyOf: [{ const: 'drop' }, ref('Column')] },
    items: arrayOf(ref('Element')),
    width: { anyOf: [num, { type: 'string', pattern: '^(auto|stretch|[0-9]+(px)?)$' }] },
  },
};

const tableCell = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: { type: { const: 'TableCell' }, ...containerLike, items: arrayOf(ref('Element')) },
};

const cellAlignment = {
  horizontalCellContentAlignment: enumCI(H_ALIGN),
  verticalCellContentAlignment: enumCI(V_ALIGN),
};

const elements: Record<string, SchemaObject> = {
  TextBlock: element(
    'TextBlock',
    {
      text: str,
      color: enumCI(COLORS),
      fontType: enumCI(FONT_TYPES),
      horizontalAlignment: enumCI(H_ALIGN),
      isSubtle: bool,
      maxLines: { type: 'integer', minimum: 1 },
      size: enumCI(FONT_SIZES),
      weight: enumCI(FONT_WEIGHTS),
      wrap: bool,
      style: enumCI(['default', 'heading']),
    },
    ['text'],
  ),
  RichTextBlock: element(
    'RichTextBlock',
    { inlines: arrayOf({ anyOf: [str, textRun] }), horizontalAlignment: enumCI(H_ALIGN) },
    ['inlines'],
  ),
  Image: element(
    'Image',
    {
      url: str,
      altText: str,
      backgroundColor: str,
      height: { anyOf: [enumCI(['auto', 'stretch']), pixels] },
      horizontalAlignment: enumCI(H_ALIGN),
      selectAction: ref('SelectAction'),
      size: enumCI(IMAGE_SIZES),
      style: enumCI(['Default', 'Person']),
      width: pixels,
    },
    ['url'],
  ),
  Container: element('Container', { ...containerLike, items: arrayOf(ref('Element')) }, ['items']),
  ColumnSet: element('ColumnSet', {
    columns: arrayOf(ref('Column')),
    selectAction: ref('SelectAction'),
    style: enumCI(CONTAINER_STYLES),
    bleed: bool,
    minHeight: pixels,
    horizontalAlignment: enumCI(H_ALIGN),
  }),
  FactSet: element(
    'FactSet',
    {
      facts: arrayOf({
        type: 'object',
        additionalProperties: false,
        required: ['title', 'value'],
        properties: { title: str, value: str },
      }),
    },
    ['facts'],
  ),
  ImageSet: element('ImageSet', { images: arrayOf(ref('Image')), imageSize: enumCI(IMAGE_SIZES) }, [
    'images',
  ]),
  ActionSet: element('ActionSet', { actions: arrayOf(ref('Action')) }, ['actions']),
  Table: element('Table', {
    columns: arrayOf({
      type: 'object',
      additionalProperties: false,
      properties: {
        type: { const: 'TableColumnDefinition' },
        width: { anyOf: [num, { type: 'string', pattern: '^[0-9]+(px)?$' }] },
        ...cellAlignment,
      },
    }),
    rows: arrayOf({
      type: 'object',
      additionalProperties: false,
      properties: {
        type: { const: 'TableRow' },
        cells: arrayOf(tableCell),
        style: enumCI(CONTAINER_STYLES),
        ...cellAlignment,
      },
    }),
    firstRowAsHeader: bool,
    showGridLines: bool,
    gridStyle: enumCI(CONTAINER_STYLES),
    ...cellAlignment,
  }),
  'Input.Text': input('Input.Text', {
    isMultiline: bool,
    maxLength: { type: 'integer', minimum: 0 },
    placeholder: str,
    regex: str,
    style: enumCI(['text', 'tel', 'url', 'email', 'password']),
    inlineAction: ref('SelectAction'),
    value: str,
  }),
  'Input.Number': input('Input.Number', { max: num, min: num, placeholder: str, value: num }),
  'Input.Date': input('Input.Date', {
    max: { type: 'string', format: 'date' },
    min: { type: 'string', format: 'date' },
    placeholder: str,
    value: { type: 'string', format: 'date' },
  }),
  'Input.Time': input('Input.Time', {
    max: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
    min: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
    placeholder: str,
    value: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
  }),
  'Input.Toggle': input('Input.Toggle', { title: str, value: str, valueOff: str, valueOn: str, wrap: bool }, [
    'title',
  ]),
  'Input.ChoiceSet': input('Input.ChoiceSet', {
    choices: arrayOf({
      type: 'object',
      additionalProperties: false,
      required: ['title', 'value'],
      properties: { type: { const: 'Input.Choice' }, title: str, value: str },
    }),
    isMultiSelect: bool,
    style: enumCI(['compact', 'expanded', 'filtered']),
    value: str,
    placeholder: str,
    wrap: bool,
  }),
};

const actions: Record<string, SchemaObject> = {
  'Action.Execute': action('Action.Execute', {
    verb: str,
    data: {},
    associatedInputs: enumCI(['Auto', 'None']),
  }),
  'Action.Submit': action('Action.Submit', { data: {}, associatedInputs: enumCI(['Auto', 'None']) }),
  'Action.OpenUrl': action('Action.OpenUrl', { url: { type: 'string', minLength: 1 } }, ['url']),
  'Action.ShowCard': action('Action.ShowCard', { card: ref('InnerCard') }, ['card']),
  'Action.ToggleVisibility': action(
    'Action.ToggleVisibility',
    {
      targetElements: arrayOf({
        anyOf: [
          str,
          {
            type: 'object',
            additionalProperties: false,
            required: ['elementId'],
            properties: {
              type: { const: 'TargetElement' },
              elementId: str,
              isVisible: { type: ['boolean', 'null'] },
            },
          },
        ],
      }),
    },
    ['targetElements'],
  ),
};

const cardProperties = {
  type: { const: 'AdaptiveCard' },
  $schema: str,
  version: { type: 'string', pattern: '^1\\.[0-9]+$' },
  body: arrayOf(ref('Element')),
  actions: arrayOf(ref('Action')),
  selectAction: ref('SelectAction'),
  fallbackText: str,
  backgroundImage,
  minHeight: pixels,
  rtl: { type: ['boolean', 'null'] },
  speak: str,
  lang: { type: 'string', pattern: '^[a-z]{2}(-[A-Za-z]{2,4})?$' },
  verticalContentAlignment: enumCI(V_ALIGN),
  refresh: {
    type: 'object',
    additionalProperties: false,
    required: ['action'],
    properties: {
      action: ref('Action.Execute'),
      userIds: arrayOf(str),
      expires: { type: 'string', format: 'date-time' },
    },
  },
  authentication: { type: 'object' },
  metadata: { type: 'object', additionalProperties: false, properties: { webUrl: str } },
  msteams: {
    type: 'object',
    additionalProperties: false,
    properties: {
      width: enumCI(['Full']),
      entities: arrayOf({
        type: 'object',
        required: ['type', 'text', 'mentioned'],
        properties: {
          type: { const: 'mention' },
          text: str,
          mentioned: { type: 'object', required: ['id', 'name'], properties: { id: str, name: str } },
        },
      }),
    },
  },
};

/** The schema itself, as a plain draft-07 JSON schema with two Ajv extensions: discriminator and enumCI. */
export const adaptiveCardSchema: SchemaObject = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://tautoko.local/schemas/adaptive-card-1.5-teams.json',
  ...ref('AdaptiveCard'),
  definitions: {
    AdaptiveCard: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'version'],
      properties: cardProperties,
    },
    // A card inside Action.ShowCard inherits the outer card's version.
    InnerCard: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: cardProperties,
    },
    Element: {
      type: 'object',
      required: ['type'],
      discriminator: { propertyName: 'type' },
      oneOf: TEAMS_ELEMENT_TYPES.map((t) => ref(t)),
    },
    Action: {
      type: 'object',
      required: ['type'],
      discriminator: { propertyName: 'type' },
      oneOf: TEAMS_ACTION_TYPES.map((t) => ref(t)),
    },
    // selectAction may be any action except ShowCard.
    SelectAction: {
      type: 'object',
      required: ['type'],
      discriminator: { propertyName: 'type' },
      oneOf: TEAMS_ACTION_TYPES.filter((t) => t !== 'Action.ShowCard').map((t) => ref(t)),
    },
    Column: column,
    ...elements,
    ...actions,
  },
};

function buildValidator() {
  const ajv = new Ajv({
    allErrors: true,
    discriminator: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
  });
  ajv.addFormat('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s));
  ajv.addKeyword({
    keyword: 'enumCI',
    type: 'string',
    schemaType: 'array',
    error: {
      message: (cxt) => `must be one of ${(cxt.schema as string[]).join(', ')} (any case)`,
    },
    validate: (allowed: string[], data: string) =>
      allowed.some((a) => a.toLowerCase() === data.toLowerCase()),
  });
  return ajv.compile(adaptiveCardSchema);
}

let validator: ReturnType<typeof buildValidator> | undefined;

function describe(e: ErrorObject): string {
  const at = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties')
    return `${at}: unknown property "${String(p['additionalProperty'])}"`;
  if (e.keyword === 'discriminator' && p['error'] === 'mapping') {
    return `${at}: type "${String(p['tagValue'])}" is not an Adaptive Card 1.5 element or action that Teams supports`;
  }
  if (e.keyword === 'const') return `${at}: must be ${JSON.stringify(p['allowedValue'])}`;
  return `${at}: ${e.message ?? e.keyword}`;
}

/** Schema errors for a card, as "<JSON pointer>: <message>"; empty when the card is valid. */
export function validateCard(card: unknown): string[] {
  validator ??= buildValidator();
  if (validator(card)) return [];
  return [...new Set((validator.errors ?? []).map(describe))];
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
export const RESERVED_INPUT_IDS = [
  'card',
  'applicationId',
  'version',
  'command',
  'args',
  'params',
  'refresh',
] as const;

export function reservedInputIdIssues(card: unknown): string[] {
  return walkCard(card)
    .filter(
      (n) =>
        String(n.node['type']).startsWith('Input.') &&
        (RESERVED_INPUT_IDS as readonly unknown[]).includes(n.node['id']),
    )
    .map((n) => `${n.path}: input id "${String(n.node['id'])}" is reserved for Action.Execute data`);
}
