import { ActivityTypes, CardFactory } from 'botbuilder';
import type { TurnContext } from 'botbuilder';
import { Dialog, DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { AdaptiveCard, FormRenderer, PersonChoice } from '../cards/types';
import type { Actor } from '../services/directory/person';
import { DomainError, ValidationError } from '../services/errors';
import type { ApplicationDoc, WorkflowKind } from '../services/store/types';

export const START_DIALOG_ID = 'startApplication';

export interface StartDialogOptions {
  kind: WorkflowKind;
  /** Present when a start form was submitted with no dialog running (an older card, another instance). */
  submission?: Record<string, unknown>;
}

interface StartDialogState {
  kind: WorkflowKind;
}

/** What the dialog needs from the rest of the bot; wired in the composition root. */
export interface StartDialogDeps {
  forms: Partial<Record<WorkflowKind, FormRenderer>>;
  resolveActor(context: TurnContext): Promise<Actor | null>;
  start(
    kind: WorkflowKind,
    input: Record<string, unknown>,
    actor: Actor,
    context: TurnContext,
  ): Promise<ApplicationDoc>;
  /** The card shown once the application exists (its status card, with a notice). */
  startedCard(app: ApplicationDoc, actor: Actor): Promise<AdaptiveCard>;
  now(): Date;
  /** People the form may offer in choice lists. */
  people?(actor: Actor): Promise<PersonChoice[]>;
}

/** The submitted inputs of a start form, from an Action.Execute invoke; null for anything else. */
export function startSubmission(context: TurnContext, kind: WorkflowKind): Record<string, unknown> | null {
  const a = context.activity;
  if (a.type !== ActivityTypes.Invoke || a.name !== 'adaptiveCard/action') return null;
  const data = (a.value as { action?: { data?: Record<string, unknown> } } | undefined)?.action?.data;
  if (!data || data.card !== `start:${kind}`) return null;
  const { card: _card, ...inputs } = data;
  return inputs;
}

/** `cancel` typed in chat: the only text the start dialog acts on (anything else ends it). */
export function isCancel(activity: TurnContext['activity']): boolean {
  return activity.type === ActivityTypes.Message && (activity.text ?? '').trim().toLowerCase() === 'cancel';
}

export function cardInvokeResponse(card: AdaptiveCard) {
  return {
    type: ActivityTypes.InvokeResponse,
    value: {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
    },
  };
}

/**
 * Starting an application: show the process's form on one card, take its submission, and either
 * redraw it in place with the errors beside the fields (input kept) or create the application and
 * replace the form with its status. Typing `cancel` ends it.
 */
export class StartApplicationDialog extends Dialog<StartDialogOptions> {
  constructor(private readonly deps: StartDialogDeps) {
    super(START_DIALOG_ID);
  }

  override async beginDialog(dc: DialogContext, options?: StartDialogOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('StartApplicationDialog needs a process kind');
    const state: StartDialogState = { kind: options.kind };
    dc.activeDialog!.state = state;
    if (options.submission) return this.handleSubmission(dc, state, options.submission);
    const actor = await this.deps.resolveActor(dc.context);
    const form = this.form(options.kind);
    if (!actor || !form) return dc.endDialog();
    const people = (await this.deps.people?.(actor)) ?? [];
    await dc.context.sendActivity({
      attachments: [CardFactory.adaptiveCard(form({ viewer: actor, now: this.deps.now(), people }))],
    });
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as StartDialogState;
    const submission = startSubmission(dc.context, state.kind);
    if (submission) return this.handleSubmission(dc, state, submission);
    if (dc.context.activity.type === ActivityTypes.Message) {
      if (isCancel(dc.context.activity)) {
        await dc.context.sendActivity('Cancelled. Nothing was saved.');
        return dc.endDialog();
      }
      // Anything else typed mid-form is a new request: leave the form where it is and let the bot handle it.
      await dc.endDialog();
      return { status: DialogTurnStatus.empty };
    }
    return Dialog.EndOfTurn;
  }

  private form(kind: WorkflowKind): FormRenderer | undefined {
    return this.deps.forms[kind];
  }

  private async handleSubmission(
    dc: DialogContext,
    state: StartDialogState,
    input: Record<string, unknown>,
  ): Promise<DialogTurnResult> {
    const actor = await this.deps.resolveActor(dc.context);
    const form = this.form(state.kind);
    if (!actor || !form) return dc.endDialog();
    const people = (await this.deps.people?.(actor)) ?? [];
    try {
      const app = await this.deps.start(state.kind, input, actor, dc.context);
      await dc.context.sendActivity(cardInvokeResponse(await this.deps.startedCard(app, actor)));
      return dc.endDialog(app._id);
    } catch (e) {
      if (e instanceof ValidationError) {
        const card = form({ viewer: actor, now: this.deps.now(), errors: e.fieldErrors, input, people });
        await dc.context.sendActivity(cardInvokeResponse(card));
        return Dialog.EndOfTurn;
      }
      if (e instanceof DomainError) {
        const card = form({
          viewer: actor,
          now: this.deps.now(),
          input,
          people,
          notice: { text: e.userMessage, tone: 'attention' },
        });
        await dc.context.sendActivity(cardInvokeResponse(card));
        return Dialog.EndOfTurn;
      }
      throw e;
    }
  }
}
