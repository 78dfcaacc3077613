import type { WorkflowKind } from '../services/workflow/domain';
import { card, execute, formErrors, heading, inputsFor, notice, section, text } from './kit';
import type { Ask } from './kit';
import type { AdaptiveCard, CardAction, CardElement, FormContext, FormRenderer } from './types';

/**
 * A long start form as a short sequence of cards, each replaced in place by the next: "Step 2 of
 * 5 — when and where", then a review of every answer before the application is started. Each
 * process declares its steps beside its start form (cards/<p>/startForm.ts); the stepping itself
 * (keeping the answers, validating a step, Back) is dialogs/startApplicationDialog.ts.
 */
export interface FormStep {
  /** Shown in the step's subtitle, in lower case after the dash: "people". */
  title: string;
  /** The ids of the inputs on this step: the part of the process's start schema it answers. */
  fields: readonly string[];
  /** The step's inputs, drawn with the answers so far (`ctx.input`) and this step's errors. */
  body(ctx: FormContext): CardElement[];
}

/** A step whose inputs are drawn with `ask`, which keeps the answers given and shows their errors. */
export function formStep(
  title: string,
  fields: readonly string[],
  draw: (ask: Ask, ctx: FormContext) => CardElement[],
): FormStep {
  return { title, fields, body: (ctx) => draw(inputsFor(ctx), ctx) };
}

export interface SteppedForm {
  kind: WorkflowKind;
  heading: string;
  /** One line under the heading on every step. */
  subtitle: string;
  /** The button on the review step that starts the application. */
  startTitle: string;
  steps: readonly FormStep[];
}

/** A process's start form: its kind, its steps in order, and the words around them. */
export function steppedForm(
  kind: WorkflowKind,
  steps: readonly FormStep[],
  words: Pick<SteppedForm, 'heading' | 'subtitle' | 'startTitle'>,
): SteppedForm {
  return { kind, ...words, steps };
}

/** What a step button sends back beside the step's inputs (in the action data's `params`). */
export type StepMove =
  { step: number; go: 'next' | 'back' | 'start' } | { step: number; go: 'edit'; to: number };

export const startCardName = (kind: WorkflowKind) => `start:${kind}`;

function move(form: SteppedForm, title: string, m: StepMove, opts: { positive?: boolean } = {}): CardAction {
  // Only "Next" sends the step's inputs (and so has Teams check the required ones first); Back and
  // the review's buttons send none: the answers already given are kept in the conversation.
  return execute(
    title,
    { card: startCardName(form.kind), params: m },
    { ...(opts.positive ? { style: 'positive' as const } : {}), validate: m.go === 'next', verb: 'start' },
  );
}

/** How many steps the user sees: the input steps and the review. */
export const stepCount = (form: SteppedForm) => form.steps.length + 1;

function top(form: SteppedForm, index: number, title: string, ctx: FormContext): CardElement[] {
  return [
    ...heading(form.heading, form.subtitle),
    text(`Step ${index + 1} of ${stepCount(form)} — ${title}`, { weight: 'Bolder' }),
    ...notice(ctx.notice),
  ];
}

/** One input step, with the answers so far and the errors beside its fields. */
export function stepCard(form: SteppedForm, index: number, ctx: FormContext): AdaptiveCard {
  const step = form.steps[index];
  if (!step) throw new Error(`${form.kind} has no step ${index}`);
  const actions = [
    ...(index > 0 ? [move(form, 'Back', { step: index, go: 'back' })] : []),
    move(form, 'Next', { step: index, go: 'next' }, { positive: true }),
  ];
  const errors = ctx.errors?.filter((e) => step.fields.includes(e.field));
  return card(
    [
      ...top(form, index, step.title, ctx),
      ...formErrors(errors, [...step.fields]),
      stepInputs(index, step.body(ctx)),
    ],
    actions,
  );
}

/**
 * A step's inputs, nested one container deeper than the step before's. A client that redraws a
 * replaced card by position (the Agents Playground's renderer does) then builds this step's inputs
 * afresh instead of reusing the previous step's at the same place, which kept the old step's
 * choices in a choice list. The containers have no style, so nothing shows of them.
 */
function stepInputs(index: number, body: CardElement[]): CardElement {
  let nested: CardElement = { type: 'Container', items: body };
  for (let i = 0; i < index; i++) nested = { type: 'Container', items: [nested] };
  return nested;
}

/**
 * The last step: every answer, step by step, each with a button back to its step, and the button
 * that starts the application. `bodies` are the steps' inputs drawn with the answers (and their
 * people pickers filled in by the bot, so a chosen person shows by name).
 */
export function reviewCard(form: SteppedForm, bodies: CardElement[][], ctx: FormContext): AdaptiveCard {
  const at = form.steps.length;
  const steps = form.steps.map((step, i) => ({
    step,
    i,
    answers: answered(bodies[i] ?? [], ctx.input ?? {}),
  }));
  const sections = steps
    .filter((a) => a.answers.length > 0)
    .map(({ step, i, answers }) =>
      section(`Step ${i + 1}: ${step.title}`, [
        { type: 'FactSet', facts: answers.map(([title, value]) => ({ title, value })) },
      ]),
    );
  const empty = steps.filter((a) => a.answers.length === 0).map((a) => `${a.i + 1} (${a.step.title})`);
  if (empty.length) sections.push(text(`Nothing entered on step ${empty.join(', ')}.`, { subtle: true }));
  // One row of "Change …" buttons after the answers, not one row under each step: the review of a
  // long form stays within a chat card's height.
  const changes: CardElement = {
    type: 'ActionSet',
    separator: true,
    spacing: 'Medium',
    actions: form.steps.map((step, i) => move(form, `Change ${step.title}`, { step: at, go: 'edit', to: i })),
  };
  return card(
    [
      ...top(form, at, 'review and start', ctx),
      text('Check the answers. Nothing is saved until you start it.', { subtle: true }),
      ...sections,
      changes,
    ],
    [
      move(form, 'Back', { step: at, go: 'back' }),
      move(form, form.startTitle, { step: at, go: 'start' }, { positive: true }),
    ],
  );
}

/**
 * Every step on one card: what a start form was before it had steps. A submission from such a
 * card (one still in someone's chat) is answered with it, errors beside the fields.
 */
export function wholeFormCard(form: SteppedForm, ctx: FormContext): AdaptiveCard {
  const fields = form.steps.flatMap((s) => s.fields);
  return card(
    [
      ...heading(form.heading, form.subtitle),
      ...notice(ctx.notice),
      ...formErrors(ctx.errors, fields),
      ...form.steps.map((s) => section(capitalise(s.title), s.body(ctx))),
    ],
    [execute(form.startTitle, { card: startCardName(form.kind) }, { verb: 'start' })],
  );
}

/** The review step drawn straight from the answers (the bot fills in people pickers first). */
export function reviewOf(form: SteppedForm, ctx: FormContext): AdaptiveCard {
  return reviewCard(
    form,
    form.steps.map((s) => s.body(ctx)),
    ctx,
  );
}

/** The form's first step: what `new …` in chat shows. */
export function drawStartForm(form: SteppedForm): FormRenderer {
  return (ctx) => stepCard(form, 0, ctx);
}

/** The step a field is on; -1 when no step has it (an error about the whole form). */
export function stepOf(form: SteppedForm, field: string): number {
  return form.steps.findIndex((s) => s.fields.includes(field));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Choice = { title?: unknown; value?: unknown };

/** Label and shown value of every answered input in a step's body, in order. */
function answered(body: CardElement[], input: Record<string, unknown>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const el = v as Record<string, unknown>;
    const type = String(el.type ?? '');
    if (type.startsWith('Input.') && typeof el.id === 'string') {
      const shown = shownValue(el, input[el.id]);
      if (shown) out.push([String(el.label ?? el.id), shown]);
      return;
    }
    for (const key of ['items', 'columns', 'body']) walk(el[key]);
  };
  walk(body);
  return out;
}

function shownValue(el: Record<string, unknown>, raw: unknown): string | undefined {
  if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
  const value = String(raw);
  if (el.type === 'Input.Toggle') return value === 'true' ? 'Yes' : undefined;
  if (el.type === 'Input.ChoiceSet') {
    const choices = (el.choices as Choice[] | undefined) ?? [];
    const titleOf = (v: string) => String(choices.find((c) => c.value === v)?.title ?? v);
    return (el.isMultiSelect ? value.split(',') : [value]).map((v) => titleOf(v.trim())).join(', ');
  }
  return value;
}
