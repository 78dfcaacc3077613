import type { TurnContext } from 'botbuilder';
import { Dialog } from 'botbuilder-dialogs';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { reviewCard, stepCard, stepOf, wholeFormCard } from '../cards/steps';
import type { SteppedForm, StepMove } from '../cards/steps';
import type { AdaptiveCard, CardContext, FormContext } from '../cards/types';
import type { Actor } from '../services/directory/person';
import type { FieldError } from '../services/errors';
import type { ApplicationDoc, WorkflowKind } from '../services/workflow/domain';
import { refusalOf } from '../bot/errorAnswers';

export const START_DIALOG_ID = 'startApplication';

export interface StartDialogOptions {
  kind: WorkflowKind;
}

/** Kept in conversation state (the bot's storage), so any instance of the bot takes the next step. */
interface StartDialogState {
  kind: WorkflowKind;
  /** Every answer given so far, by input id, as the card sent it. */
  answers: Record<string, unknown>;
}

/** What the dialog needs from the rest of the bot; wired in the composition root. */
export interface StartDialogDeps {
  /** Every problem the process's start schema finds in these answers (server-filled fields added). */
  check(kind: WorkflowKind, answers: Record<string, unknown>, actor: Actor): Promise<FieldError[]>;
  start(
    kind: WorkflowKind,
    input: Record<string, unknown>,
    actor: Actor,
    context: TurnContext,
  ): Promise<ApplicationDoc>;
  /** The card shown once the application exists (its status card, with a notice). */
  startedCard(app: ApplicationDoc, actor: Actor): Promise<AdaptiveCard>;
  /** Fills the people pickers in a drawn card, or part of one, for its viewer. */
  decorate<T>(card: T, viewer: Actor): Promise<T>;
  now(): Date;
}

export const CANCELLED = 'Cancelled. Nothing was saved.';

/** A click on a start form's card: which form, who clicked, and what the card sent. */
export interface StartClick {
  form: SteppedForm;
  actor: Actor;
  inputs: Record<string, unknown>;
  /** The step button's own data (which step, which way). */
  params: Record<string, unknown>;
}

/** The step button a click came from, if its `params` name one of this form's steps. */
export function readMove(form: SteppedForm, params: Record<string, unknown>): StepMove | undefined {
  const last = form.steps.length;
  const step = params.step;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > last) return undefined;
  if (params.go === 'edit') {
    const to = params.to;
    return typeof to === 'number' && Number.isInteger(to) && to >= 0 && to < last
      ? { step, go: 'edit', to }
      : undefined;
  }
  if (params.go === 'next' && step < last) return { step, go: 'next' };
  if (params.go === 'back' || params.go === 'start') return { step, go: params.go };
  return undefined;
}

/**
 * Starting an application. `new …` in chat begins it and returns the first step of the process's
 * start form; each click returns the card that replaces it: the next step once this one's answers
 * pass the process's start schema (or the same step with the errors beside the fields, the input
 * kept), the previous step on Back, and after the last step a review of every answer with the
 * button that starts the application. The answers are kept in the dialog's state, in the bot's
 * storage. Typing `cancel` ends it; a submission of the whole form on one card (a card sent before
 * forms had steps) is taken as it was then. The dialog sends nothing itself: it returns the cards
 * and the bot answers the message or the click with them (bot/startForms.ts).
 */
export class StartApplicationDialog extends Dialog<StartDialogOptions> {
  constructor(private readonly deps: StartDialogDeps) {
    super(START_DIALOG_ID);
  }

  override async beginDialog(dc: DialogContext, options?: StartDialogOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('StartApplicationDialog needs a process kind');
    const state: StartDialogState = { kind: options.kind, answers: {} };
    dc.activeDialog!.state = state;
    return Dialog.EndOfTurn;
  }

  /** `new …`: a new start form (any other one open in this conversation ends); returns its first step. */
  async begin(dc: DialogContext, form: SteppedForm, actor: Actor): Promise<AdaptiveCard> {
    await dc.cancelAllDialogs();
    await dc.beginDialog(START_DIALOG_ID, { kind: form.kind });
    return this.draw(form, 0, dc.activeDialog!.state as StartDialogState, actor);
  }

  /** `cancel` typed in chat: ends the open start form; what to say, or undefined when none was open. */
  async cancel(dc: DialogContext): Promise<string | undefined> {
    if (dc.activeDialog?.id !== START_DIALOG_ID) return undefined;
    await dc.cancelAllDialogs();
    return CANCELLED;
  }

  /** A click on a start form's card: returns the card that replaces it. */
  async submit(dc: DialogContext, { form, actor, inputs, params }: StartClick): Promise<AdaptiveCard> {
    const state = await this.stateFor(dc, form.kind);
    const move = readMove(form, params);
    if (!move || carriesOtherSteps(form, move, inputs))
      return this.startWhole(dc, form, state, actor, inputs);
    if (move.go === 'back') return this.draw(form, Math.max(0, move.step - 1), state, actor);
    if (move.go === 'edit') return this.draw(form, move.to, state, actor);
    if (move.go === 'start') return this.startFromAnswers(dc, form, state, actor);
    const fields = form.steps[move.step]!.fields;
    for (const field of fields) {
      if (field in inputs) state.answers[field] = inputs[field];
      else delete state.answers[field];
    }
    const errors = (await this.deps.check(form.kind, state.answers, actor)).filter((e) =>
      fields.includes(e.field),
    );
    if (errors.length > 0) return this.draw(form, move.step, state, actor, { errors });
    return this.draw(form, move.step + 1, state, actor);
  }

  /** The running start form of this kind, or a new one (a card clicked after its form ended). */
  private async stateFor(dc: DialogContext, kind: WorkflowKind): Promise<StartDialogState> {
    const active = dc.activeDialog;
    if (active?.id === START_DIALOG_ID && (active.state as StartDialogState).kind === kind) {
      const state = active.state as StartDialogState;
      state.answers ??= {};
      return state;
    }
    await dc.cancelAllDialogs();
    await dc.beginDialog(START_DIALOG_ID, { kind });
    return dc.activeDialog!.state as StartDialogState;
  }

  /** Step `index` (the review after the last input step) with the answers so far. */
  private async draw(
    form: SteppedForm,
    index: number,
    state: StartDialogState,
    actor: Actor,
    extra: { errors?: FieldError[]; notice?: CardContext['notice'] } = {},
  ): Promise<AdaptiveCard> {
    const ctx: FormContext = { viewer: actor, now: this.deps.now(), input: state.answers, ...extra };
    if (index < form.steps.length) return this.deps.decorate(stepCard(form, index, ctx), actor);
    const bodies = await Promise.all(form.steps.map((s) => this.deps.decorate(s.body(ctx), actor)));
    return reviewCard(form, bodies, ctx);
  }

  private async startFromAnswers(
    dc: DialogContext,
    form: SteppedForm,
    state: StartDialogState,
    actor: Actor,
  ): Promise<AdaptiveCard> {
    try {
      return await this.started(dc, form, state.answers, actor);
    } catch (e) {
      const { fieldErrors, notice } = refused(e);
      if (!fieldErrors) return this.draw(form, form.steps.length, state, actor, { notice });
      // Back to the first step with a problem, the errors beside its fields.
      const at = fieldErrors.map((f) => stepOf(form, f.field)).filter((i) => i >= 0);
      if (at.length > 0) return this.draw(form, Math.min(...at), state, actor, { errors: fieldErrors });
      return this.draw(form, form.steps.length, state, actor, {
        notice: { text: fieldErrors.map((f) => f.message).join(' '), tone: 'attention' },
      });
    }
  }

  private async startWhole(
    dc: DialogContext,
    form: SteppedForm,
    state: StartDialogState,
    actor: Actor,
    inputs: Record<string, unknown>,
  ): Promise<AdaptiveCard> {
    state.answers = { ...inputs };
    const whole = (extra: Partial<FormContext>) =>
      this.deps.decorate(
        wholeFormCard(form, { viewer: actor, now: this.deps.now(), input: inputs, ...extra }),
        actor,
      );
    try {
      return await this.started(dc, form, inputs, actor);
    } catch (e) {
      const { fieldErrors, notice } = refused(e);
      return whole(fieldErrors ? { errors: fieldErrors } : { notice });
    }
  }

  private async started(
    dc: DialogContext,
    form: SteppedForm,
    input: Record<string, unknown>,
    actor: Actor,
  ): Promise<AdaptiveCard> {
    const app = await this.deps.start(form.kind, input, actor, dc.context);
    await dc.endDialog(app._id);
    return this.deps.startedCard(app, actor);
  }
}

/** Whether a click carries answers of other steps than its own: a whole form, not a step. */
function carriesOtherSteps(form: SteppedForm, move: StepMove, inputs: Record<string, unknown>): boolean {
  const own = move.go === 'next' ? form.steps[move.step]!.fields : [];
  return Object.keys(inputs).some((k) => !own.includes(k) && stepOf(form, k) >= 0);
}

/**
 * A start refused by the process (bot/errorAnswers.ts maps it): the form stays, redrawn with the
 * refusal. The database being unreachable is not the form's to show: the bot answers it with a
 * message that leaves the card on screen.
 */
function refused(e: unknown): ReturnType<typeof refusalOf> {
  const refusal = refusalOf(e);
  if (refusal.keepCard) throw e;
  return refusal;
}
