import type { ConversationState, TurnContext } from 'botbuilder';
import { DialogSet } from 'botbuilder-dialogs';
import type { DialogState } from 'botbuilder-dialogs';
import { startForms } from '../cards/registry';
import type { AdaptiveCard } from '../cards/types';
import { StartApplicationDialog } from '../dialogs/startApplicationDialog';
import type { StartClick, StartDialogDeps } from '../dialogs/startApplicationDialog';
import type { Actor } from '../services/directory/person';
import type { FieldError } from '../services/errors';
import type { Store } from '../services/store/types';
import { zodFieldErrors } from '../services/validation';
import type { ApplicationDoc, WorkflowKind } from '../services/workflow/domain';
import type { WorkflowEngine } from '../services/workflow/engine';
import { startFields } from '../services/workflow/serverFields';
import { refusalOf } from './errorAnswers';
import { originOf } from './turn';

export interface StartFormsDeps {
  store: Store;
  engine: WorkflowEngine;
  conversationState: ConversationState;
  now(): Date;
  /** The card shown once the application exists (its status card, with a notice). */
  startedCard(app: ApplicationDoc, actor: Actor): Promise<AdaptiveCard>;
  /** Fills the people pickers in a drawn card, or part of one, for its viewer. */
  decorate: StartDialogDeps['decorate'];
}

/**
 * Start forms in a conversation: the start dialog (dialogs/startApplicationDialog.ts) kept in the
 * conversation state, begun by `new …`, stepped by clicks, ended by `cancel`. Each returns the card
 * or the words to answer with; the bot answers.
 */
export class StartForms {
  private readonly dialogs: DialogSet;
  private readonly dialog: StartApplicationDialog;

  constructor(private readonly deps: StartFormsDeps) {
    this.dialogs = new DialogSet(deps.conversationState.createProperty<DialogState>('dialogState'));
    this.dialog = new StartApplicationDialog({
      check: (kind, answers, actor) => this.check(kind, answers, actor),
      start: async (kind, input, actor, ctx) =>
        deps.engine.start(
          kind,
          { ...input, ...(await startFields(deps.engine.workflow(kind), input, deps.store.people, actor)) },
          actor,
          originOf(ctx),
        ),
      decorate: (card, viewer) => deps.decorate(card, viewer),
      startedCard: (app, actor) => deps.startedCard(app, actor),
      now: () => deps.now(),
    });
    this.dialogs.add(this.dialog);
  }

  /** `new …`: the first step of the process's start form (undefined when it has none). */
  async begin(context: TurnContext, kind: WorkflowKind, actor: Actor): Promise<AdaptiveCard | undefined> {
    const form = startForms[kind];
    if (!form) return undefined;
    return this.dialog.begin(await this.dialogs.createContext(context), form, actor);
  }

  /** A click on a start form: the card that replaces it. */
  async step(context: TurnContext, click: StartClick): Promise<AdaptiveCard> {
    return this.dialog.submit(await this.dialogs.createContext(context), click);
  }

  /** `cancel`: what to say when a start form was open and is ended, or undefined when none was. */
  async cancel(context: TurnContext): Promise<string | undefined> {
    return this.dialog.cancel(await this.dialogs.createContext(context));
  }

  /** What the process's start schema says of these answers, with the server-filled fields added. */
  private async check(
    kind: WorkflowKind,
    answers: Record<string, unknown>,
    actor: Actor,
  ): Promise<FieldError[]> {
    let supplied: Record<string, unknown>;
    try {
      supplied = await startFields(this.deps.engine.workflow(kind), answers, this.deps.store.people, actor);
    } catch (e) {
      return refusalOf(e).fieldErrors ?? rethrow(e);
    }
    const parsed = this.deps.engine.workflow(kind).startSchema.safeParse({ ...answers, ...supplied });
    return parsed.success ? [] : zodFieldErrors(parsed.error);
  }
}

function rethrow(e: unknown): never {
  throw e;
}
