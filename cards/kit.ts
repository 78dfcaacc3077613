import type { FieldError } from '../services/errors';
import { formatNz } from '../services/time';
import type { ActionVerb } from './actionVerbs';
import type { ActionData, AdaptiveCard, CardAction, CardContext, CardElement } from './types';

/** Small typed builders for the Adaptive Card 1.5 elements Teams supports. */

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

export function card(
  body: CardElement[],
  actions: CardAction[] = [],
  refresh?: AdaptiveCard['refresh'],
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    ...(refresh ? { refresh } : {}),
    msteams: { width: 'Full' },
  };
}

export function heading(text: string, subtitle?: string): CardElement[] {
  const out: CardElement[] = [
    { type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
  ];
  if (subtitle) out.push({ type: 'TextBlock', text: subtitle, isSubtle: true, wrap: true, spacing: 'None' });
  return out;
}

/**
 * A TextBlock. `tone` marks meaning without coloured text, which is legible in no Teams theme for
 * warnings: "caution" is bold with a warning sign, "done" carries a tick. `color` stays for the
 * attention colour (errors, a cancellation), which meets 4.5:1 in each theme.
 */
export function text(
  value: string,
  opts: {
    weight?: 'Bolder';
    color?: 'Attention' | 'Accent';
    subtle?: boolean;
    size?: string;
    tone?: 'caution' | 'done';
  } = {},
): CardElement {
  const sign = opts.tone === 'caution' ? '⚠ ' : opts.tone === 'done' && !value.startsWith('✔') ? '✔ ' : '';
  const weight = opts.weight ?? (opts.tone === 'caution' ? 'Bolder' : undefined);
  return {
    type: 'TextBlock',
    text: `${sign}${value}`,
    wrap: true,
    ...(weight ? { weight } : {}),
    ...(opts.color ? { color: opts.color } : {}),
    ...(opts.subtle ? { isSubtle: true } : {}),
    ...(opts.size ? { size: opts.size } : {}),
  };
}

/**
 * The one-line notice at the top ("Saved as a draft", "Already decided by …"). The tone is carried
 * by the container's style and, for warnings, a sign; the text stays the default colour, which is
 * legible on every container style of every Teams theme (a Warning-coloured text on a warning
 * container was 1.2:1).
 */
export function notice(n: CardContext['notice'] | undefined): CardElement[] {
  if (!n) return [];
  const sign = n.tone === 'warning' || n.tone === 'attention' ? '⚠ ' : '';
  return [
    {
      type: 'Container',
      style: n.tone === 'good' ? 'good' : n.tone === 'default' ? 'emphasis' : n.tone,
      items: [{ type: 'TextBlock', text: `${sign}${n.text}`, wrap: true, weight: 'Bolder' }],
    },
  ];
}

/**
 * An alert that must not be missed (a Child Protection Policy match, Oranga Tamariki's danger
 * advice, a withdrawn consent): a coloured container, a warning sign and a heading in the default
 * colour, then its lines. Put it near the top of the card, never in collapsed detail.
 */
export function alert(
  title: string,
  lines: Array<string | CardElement> = [],
  tone: 'attention' | 'warning' = 'attention',
): CardElement {
  return {
    type: 'Container',
    style: tone,
    spacing: 'Medium',
    items: [
      {
        type: 'TextBlock',
        text: `⚠ ${title}`,
        wrap: true,
        weight: 'Bolder',
        size: 'Medium',
        style: 'heading',
      },
      ...lines.map((l) => (typeof l === 'string' ? text(l) : l)),
    ],
  };
}

/** A decision's outcome: a good or attention container, a tick or a cross, bold default-colour text. */
export function verdict(value: string, good: boolean): CardElement {
  return {
    type: 'Container',
    style: good ? 'good' : 'attention',
    items: [
      {
        type: 'TextBlock',
        text: `${good ? '✔' : '✖'} ${value}`,
        wrap: true,
        weight: 'Bolder',
        size: 'Medium',
      },
    ],
  };
}

/**
 * Detail behind a button: an `Action.ToggleVisibility` ("Show sections", "Show timeline") and the
 * container it shows, hidden at first, so the card opens on its summary and buttons. `id` must be
 * unique in the card. Nothing to show, no button. `open` shows it from the start (e.g. when inputs
 * inside it have errors to fix).
 */
export function detail(id: string, title: string, items: CardElement[], open = false): CardElement[] {
  if (items.length === 0) return [];
  return [
    {
      type: 'ActionSet',
      separator: true,
      spacing: 'Medium',
      actions: [{ type: 'Action.ToggleVisibility', title, targetElements: [id] }],
    },
    { type: 'Container', id, ...(open ? {} : { isVisible: false }), items },
  ];
}

export function facts(pairs: Array<[string, string | undefined]>): CardElement {
  return {
    type: 'FactSet',
    facts: pairs
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([title, value]) => ({ title, value: value as string })),
  };
}

/** The case record behind "Show sections": what the reader may need, after what they must do. */
export function sectionsDetail(items: CardElement[]): CardElement[] {
  return detail('detail-sections', 'Show sections', items);
}

/** The audit trail behind "Show timeline": when (New Zealand time), and what happened by whom. */
export function timelineDetail(rows: Array<[string, string]>): CardElement[] {
  if (rows.length === 0) return [];
  return detail('detail-timeline', 'Show timeline', [section('Timeline', [facts(rows)])]);
}

/** A section title: a heading to screen readers (role "heading"), in the default colour. */
export function sectionTitle(title: string): CardElement {
  return { type: 'TextBlock', text: title, style: 'heading', size: 'Default', weight: 'Bolder', wrap: true };
}

export function section(
  title: string,
  items: CardElement[],
  opts: { separator?: boolean } = {},
): CardElement {
  return {
    type: 'Container',
    separator: opts.separator ?? true,
    spacing: 'Medium',
    items: [sectionTitle(title), ...items],
  };
}

/** Errors from a failed submission, shown under their field in the attention colour. */
function fieldError(errors: FieldError[] | undefined, id: string): CardElement[] {
  const e = errors?.find((x) => x.field === id);
  return e
    ? [{ type: 'TextBlock', text: e.message, color: 'Attention', wrap: true, spacing: 'None', size: 'Small' }]
    : [];
}

/** A submission's value for `id` if one was kept, else the stored value. */
export function keep(
  input: Record<string, unknown> | undefined,
  id: string,
  stored: unknown,
): string | undefined {
  const v = input && id in input ? input[id] : stored;
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

interface InputBase {
  id: string;
  label: string;
  value?: string | undefined;
  required?: boolean;
  errors?: FieldError[] | undefined;
  placeholder?: string;
}

/** One input: its type, id, label, required flag and message, kept value, extras, and its error below. */
function input(
  type: string,
  o: InputBase,
  extra: Record<string, unknown> = {},
  value: unknown = o.value,
): CardElement[] {
  return [
    {
      type,
      id: o.id,
      label: o.label,
      isRequired: o.required ?? false,
      ...(o.required ? { errorMessage: `${o.label} is required` } : {}),
      ...(value !== undefined ? { value } : {}),
      ...extra,
    },
    ...fieldError(o.errors, o.id),
  ];
}

export function textInput(o: InputBase & { multiline?: boolean; maxLength?: number }): CardElement[] {
  return input('Input.Text', o, {
    ...(o.placeholder ? { placeholder: o.placeholder } : {}),
    ...(o.multiline ? { isMultiline: true } : {}),
    maxLength: o.maxLength ?? (o.multiline ? 4000 : 200),
  });
}

export function dateInput(o: InputBase): CardElement[] {
  return input('Input.Date', o);
}

export function timeInput(o: InputBase): CardElement[] {
  return input('Input.Time', o);
}

export function numberInput(o: InputBase & { min?: number; max?: number }): CardElement[] {
  const n = o.value !== undefined && o.value !== '' ? Number(o.value) : Number.NaN;
  return input(
    'Input.Number',
    o,
    { ...(o.min !== undefined ? { min: o.min } : {}), ...(o.max !== undefined ? { max: o.max } : {}) },
    Number.isNaN(n) ? undefined : n,
  );
}

export function choiceInput(
  o: InputBase & { choices: Array<{ title: string; value: string }>; multi?: boolean; expanded?: boolean },
): CardElement[] {
  return input('Input.ChoiceSet', o, {
    choices: o.choices,
    style: o.expanded ? 'expanded' : 'compact',
    wrap: true,
    ...(o.multi ? { isMultiSelect: true } : {}),
  });
}

export function toggleInput(o: InputBase & { title: string }): CardElement[] {
  const { title } = o;
  return input(
    'Input.Toggle',
    { ...o, required: false },
    { title, wrap: true, valueOn: 'true', valueOff: 'false' },
    o.value === 'true' ? 'true' : 'false',
  );
}

/** Options of an input drawn through `inputsFor`: the kept answer is used unless `value` is given. */
interface AskOpts {
  required?: boolean;
  /** The stored answer, shown when the submission kept none. */
  stored?: unknown;
  /** The value to show instead of the kept answer. */
  value?: string | undefined;
}
type Choices = Array<{ title: string; value: string }>;
const YES_NO: Choices = [
  { title: 'Yes', value: 'yes' },
  { title: 'No', value: 'no' },
];

/**
 * A form's inputs, one call each: the answer kept from a failed submission (`ctx.input`, else the
 * stored one) and the error under the input come from the context, so a card lists only what
 * differs between its inputs: id, label, and the few options.
 */
export function inputsFor(ctx: {
  input?: Record<string, unknown> | undefined;
  errors?: FieldError[] | undefined;
}) {
  const base = (id: string, label: string, o: AskOpts) => ({
    ...o,
    id,
    label,
    value: 'value' in o ? o.value : keep(ctx.input, id, o.stored),
    errors: ctx.errors,
  });
  type Text = AskOpts & { multiline?: boolean; maxLength?: number; placeholder?: string };
  type Choice = AskOpts & { multi?: boolean; expanded?: boolean };
  return {
    /** The answer kept for `id` (or undefined), for inputs drawn another way. */
    kept: (id: string) => keep(ctx.input, id, undefined),
    errors: ctx.errors,
    text: (id: string, label: string, o: Text = {}) => textInput(base(id, label, o)),
    /** A multi-line text input (4,000 characters unless `maxLength` says otherwise). */
    paragraph: (id: string, label: string, o: Omit<Text, 'multiline'> = {}) =>
      textInput({ ...base(id, label, o), multiline: true }),
    date: (id: string, label: string, o: AskOpts = {}) => dateInput(base(id, label, o)),
    time: (id: string, label: string, o: AskOpts = {}) => timeInput(base(id, label, o)),
    number: (id: string, label: string, o: AskOpts & { min?: number; max?: number } = {}) =>
      numberInput(base(id, label, o)),
    choice: (id: string, label: string, choices: Choices, o: Choice = {}) =>
      choiceInput({ ...base(id, label, o), choices }),
    /** A choice shown as radio buttons (every choice visible). */
    radio: (id: string, label: string, choices: Choices, o: AskOpts = {}) =>
      choiceInput({ ...base(id, label, o), choices, expanded: true }),
    /** A question answered Yes or No (sent as `yes`/`no`), which must be answered. */
    yesNo: (id: string, question: string) =>
      choiceInput({ ...base(id, question, { required: true }), choices: YES_NO, expanded: true }),
    /** Several choices, shown as check boxes. */
    checks: (id: string, label: string, choices: Choices, o: AskOpts = {}) =>
      choiceInput({ ...base(id, label, o), choices, multi: true, expanded: true }),
    toggle: (id: string, label: string, title: string, o: AskOpts = {}) =>
      toggleInput({ ...base(id, label, o), title }),
  };
}
export type Ask = ReturnType<typeof inputsFor>;

/** An error summary at the top of a form, for errors not tied to one field. */
export function formErrors(errors: FieldError[] | undefined, fieldIds: string[]): CardElement[] {
  if (!errors?.length) return [];
  const loose = errors.filter((e) => !fieldIds.includes(e.field));
  return [
    {
      type: 'Container',
      style: 'attention',
      items: [
        {
          type: 'TextBlock',
          text: '⚠ Please fix the highlighted answers and submit again.',
          wrap: true,
          weight: 'Bolder',
        },
        ...loose.map((e) => ({ type: 'TextBlock', text: e.message, wrap: true, spacing: 'None' })),
      ],
    },
  ];
}

/**
 * An Action.Execute button. `data` carries ids only; the handler reloads and checks the clicker.
 * Its verb is `submit` when it runs a command, `open` when it only draws a card, unless named.
 */
export function execute(
  title: string,
  data: ActionData,
  opts: { style?: 'positive' | 'destructive'; validate?: boolean; verb?: ActionVerb } = {},
): CardAction {
  return {
    type: 'Action.Execute',
    title,
    verb: opts.verb ?? (data.command ? 'submit' : 'open'),
    data,
    ...(opts.style ? { style: opts.style } : {}),
    // Buttons that need no answers (cancel, refresh, open) send none; the rest send the card's inputs.
    associatedInputs: opts.validate === false ? 'none' : 'auto',
  };
}

/** A button that opens a small form in place (`Action.ShowCard`): its inputs and the button that sends them. */
export function showCard(title: string, body: CardElement[], submit: CardAction): CardAction {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body, actions: [submit] } };
}

/** The submit button of a start form: the start dialog picks the submission up. */
export function startSubmit(kind: string, title = 'Start'): CardAction {
  return execute(title, { card: `start:${kind}` }, { verb: 'start' });
}

/**
 * `refresh` so each viewer sees their own view: buttons for whoever may act, the outcome for others.
 * Cards name the people by Entra object id; the bot layer (bot/teamsUserIds.ts) replaces them with
 * the Teams user ids (MRIs) Teams requires before the card is sent, and keeps at most 60.
 */
export function refreshFor(data: ActionData, userIds: string[]): AdaptiveCard['refresh'] {
  return {
    action: {
      type: 'Action.Execute',
      title: 'Refresh',
      verb: 'refresh' satisfies ActionVerb,
      data: { ...data, refresh: true },
    },
    userIds: [...new Set(userIds)].slice(0, 60),
  };
}

export function when(date: Date | string | undefined): string | undefined {
  if (!date) return undefined;
  return formatNz(typeof date === 'string' ? new Date(date) : date);
}
