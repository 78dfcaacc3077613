import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, TeamsActivityHandler, TurnContext } from 'botbuilder';
import type {
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  ConversationState,
  InvokeResponse,
  StatePropertyAccessor,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import { helpCard } from '../cards/generic/help';
import { deadlineNotice } from '../cards/generic/deadline';
import { errorCard, infoCard, notInDirectoryCard } from '../cards/generic/messages';
import { cardRenderers, startForms, statusCardName } from '../cards/registry';
import type { AdaptiveCard, CardContext, CardLinks } from '../cards/types';
import { isCancel, START_DIALOG_ID, StartApplicationDialog } from '../dialogs/startApplicationDialog';
import type { Clock } from '../services/clock';
import type { DirectoryAdmin } from '../services/directory/admin';
import type { DirectoryCache } from '../services/directory/cache';
import type { Actor } from '../services/directory/person';
import { DomainError, ValidationError } from '../services/errors';
import { zodFieldErrors } from '../services/validation';
import type { ApplicationQueries } from '../services/queries';
import type { Store } from '../services/store/types';
import type { ApplicationDoc, WorkflowKind } from '../services/workflow/domain';
import { startFields } from '../services/workflow/serverFields';
import type { WorkflowEngine } from '../services/workflow/engine';
import type { ChatCommandSpec } from '../services/workflow/types';
import type { FieldError } from '../services/errors';
import type { SteppedForm } from '../cards/steps';
import type { TeamsUserIds } from './teamsUserIds';
import { ADMIN_COMMANDS, BASE_COMMANDS, parseChatCommand } from './chatCommands';
import { DELEGATION_COMMANDS } from './delegationCommands';
import type { DeadlineDeps } from './deadlineCommands';
import {
  CHANNEL_VIEWER,
  isSharedConversation,
  NO_PERSONAL_CHAT,
  SENT_TO_PERSONAL_CHAT,
} from './conversation';
import type { PersonalChat } from './conversation';
import { CardActions, cardResponse, quietly } from './cardActions';
import { StatusToChat } from './statusToChat';
import type { Turn } from './cardActions';
import { CommandAnswers, forAsker } from './commandAnswers';
import { PeoplePickers, SEARCH_INVOKE } from './peoplePickers';
import type { Answer } from './commandAnswers';

export interface BotDeps {
  store: Store;
  engine: WorkflowEngine;
  queries: ApplicationQueries;
  admin: DirectoryAdmin;
  clock: Clock;
  logger: Logger;
  conversationState: ConversationState;
  /** The directory as last read, checked against its revision on every look-up. */
  directory: DirectoryCache;
  /** The tenant whose activities are served; others are refused. Undefined only in local development. */
  tenantId: string | undefined;
  /** Reaches a person's 1:1 chat when they ask for something personal in a shared conversation. */
  personalChat: PersonalChat;
  deadlines: DeadlineDeps;
  /** "Open in Tautoko" links on cards (undefined when no Teams app id is configured). */
  links?: CardLinks | undefined;
  /** Due outbox work older than this is shown to admins as a stuck outbox. */
  outboxStuckAfterMs?: number;
  /** People's Teams user ids, recorded as they are seen and put in cards' refresh.userIds. */
  teamsUserIds: TeamsUserIds;
}

/** How long a person's saved 1:1 reference is trusted before a message saves it again. */
const REFERENCE_RESAVE_MS = 10 * 60_000;

/**
 * The thin Teams layer: turns messages into commands and card clicks into workflow commands,
 * and results into Adaptive Cards. Rules live in services/.
 */
export class TautokoBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private readonly startDialog: StartApplicationDialog;
  private readonly pickers: PeoplePickers;
  private readonly workflowCommands: ChatCommandSpec[];
  private readonly cardActions: CardActions;
  private readonly commands: CommandAnswers;
  /** What this process last saved as each person's 1:1 reference: a cache of the database's copy. */
  private readonly savedReferences = new Map<string, { json: string; at: number }>();

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.pickers = new PeoplePickers({
      directory: deps.directory,
      resolveActor: (ctx) => this.resolveActor(ctx),
    });
    this.startDialog = new StartApplicationDialog({
      forms: startForms,
      resolveActor: (ctx) => this.resolveActor(ctx),
      check: (kind, answers, actor) => this.checkStart(kind, answers, actor),
      start: async (kind, input, actor, ctx) =>
        deps.engine.start(
          kind,
          { ...input, ...(await startFields(deps.engine.workflow(kind), input, deps.store.people, actor)) },
          actor,
          originOf(ctx),
        ),
      decorate: (card, viewer) => this.pickers.fill(card, viewer),
      startedCard: async (app, actor) =>
        this.renderAppCard(
          statusCardName(app.kind),
          app,
          actor,
          {},
          {
            notice: {
              text: `Started ${app._id}. Stakeholders will be asked when the process allows.`,
              tone: 'good',
            },
          },
        ),
      now: () => deps.clock.now(),
    });
    this.dialogs.add(this.startDialog);
    this.workflowCommands = deps.engine.workflows().flatMap((w) => w.chatCommands);
    this.commands = new CommandAnswers({
      ...deps,
      renderAppCard: (...args) => this.renderAppCard(...args),
      beginStart: (ctx, kind) => this.beginStart(ctx, kind),
    });
    this.cardActions = new CardActions({
      ...deps,
      statusToChat: new StatusToChat({
        ...deps,
        statusCard: async (app, actor) =>
          cardResponse(
            await this.renderAppCard(
              statusCardName(app.kind),
              app,
              actor,
              {},
              {
                history: await deps.engine.history(app._id),
              },
            ),
          ),
      }),
      resolveActor: (ctx) => this.resolveActor(ctx),
      turn: (ctx, actor) => this.turn(ctx, actor),
      renderAppCard: (...args) => this.renderAppCard(...args),
      channelView: (app, sent) => this.channelView(app, sent),
      startFromCard: (ctx, form, actor, inputs, params) =>
        this.startFromCard(ctx, form, actor, inputs, params),
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.rememberConversation(context, true);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberConversation(context, true);
      if (context.activity.conversation.conversationType === 'personal') {
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(this.help())] });
      }
      await next();
    });
  }

  /** Refuses activities from any tenant but the department's before any handler runs. */
  override async run(context: TurnContext): Promise<void> {
    const tenant =
      context.activity.conversation?.tenantId ??
      (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    if (this.deps.tenantId && tenant !== this.deps.tenantId) {
      this.deps.logger.warn(
        { activityId: context.activity.id, tenant },
        'refused activity from another tenant',
      );
      if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
      }
      return;
    }
    await this.rememberUserIds(context);
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  /** Records the Teams user id (MRI) of whoever sent this, and of members an installation added. */
  private async rememberUserIds(context: TurnContext): Promise<void> {
    const a = context.activity;
    try {
      await this.deps.teamsUserIds.remember(a.from);
      for (const m of a.membersAdded ?? []) await this.deps.teamsUserIds.remember(m);
    } catch (e) {
      // Not worth failing a turn over: the id is recorded the next time this person is seen.
      this.deps.logger.warn({ err: e, activityId: a.id }, 'could not record a Teams user id');
    }
  }

  private turn(context: TurnContext, actor: Actor | null): Turn {
    const origin = originOf(context);
    return {
      actor,
      origin,
      log: this.deps.logger.child({ activityId: origin.activityId, correlationId: origin.correlationId }),
    };
  }

  async resolveActor(context: TurnContext): Promise<Actor | null> {
    const id = context.activity.from?.aadObjectId;
    if (!id) return null;
    return this.deps.directory.actor(id, this.deps.clock.now());
  }

  private async rememberConversation(context: TurnContext, always = false): Promise<void> {
    const a = context.activity;
    if (a.conversation?.conversationType === 'personal' && a.from?.aadObjectId) {
      // The activity id is not part of where to reach someone; without it the reference is the same
      // message after message, and a write is only needed when it changes, after a restart, or now and
      // then (the outbox drops a reference Teams says is gone, perhaps in another process).
      const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(a);
      const json = JSON.stringify(reference);
      const saved = this.savedReferences.get(a.from.aadObjectId);
      const now = this.deps.clock.now().getTime();
      if (!always && saved?.json === json && now - saved.at < REFERENCE_RESAVE_MS) return;
      await this.deps.store.conversations.savePersonal(
        a.from.aadObjectId,
        JSON.parse(json) as Record<string, unknown>,
      );
      this.savedReferences.set(a.from.aadObjectId, { json, at: now });
    }
  }

  // ---------------------------------------------------------------- messages

  private async handleMessage(context: TurnContext): Promise<void> {
    await this.rememberConversation(context);
    // Typed text reaches the start dialog only as `cancel`; anything else mid-form is handled as a
    // new request whether or not a form is open. So dialog state is read only then: other messages
    // cost no state round trip.
    if (isCancel(context.activity)) {
      const dc = await this.dialogs.createContext(context);
      if (dc.activeDialog) {
        const result = await dc.continueDialog();
        if (result.status !== DialogTurnStatus.empty) return;
      }
    }
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const command = parseChatCommand(text, this.workflowCommands);
    if (command.kind === 'help' || command.kind === 'unknown') {
      // Help is the same for everyone: no need to know who asks.
      this.turn(context, null).log.info({ command: command.kind }, 'message');
      const notice =
        command.kind === 'unknown'
          ? {
              text: `I did not understand "${command.text.slice(0, 80)}". Here is what I can do.`,
              tone: 'warning' as const,
            }
          : undefined;
      await this.reply(context, this.help(notice));
      return;
    }
    if (command.kind === 'cancel') {
      await context.sendActivity('There is nothing to cancel.');
      return;
    }
    // `status` reads the application and its trail beside the asker: all at once.
    const prefetched =
      command.kind === 'status' ? quietly(this.deps.queries.withHistory(command.id)) : undefined;
    const actor = await this.resolveActor(context);
    const turn = this.turn(context, actor);
    turn.log.info({ command: command.kind }, 'message');
    if (!actor) {
      await this.reply(context, notInDirectoryCard());
      return;
    }
    let answer: Answer | undefined;
    try {
      answer = await this.commands.run(context, command, actor, turn, prefetched);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      answer = forAsker(infoCard('Not done', [e.userMessage], 'attention'));
    }
    if (answer) await this.answer(context, actor, answer);
  }

  /**
   * Posts an answer where it was asked, unless it was drawn for the asker and the conversation is
   * shared: then the asker gets it in their 1:1 chat and the conversation the channel view.
   */
  private async answer(context: TurnContext, actor: Actor, answer: Answer): Promise<void> {
    if (!answer.personal || !isSharedConversation(context.activity)) return this.reply(context, answer.card);
    const sent = await this.deps.personalChat.send(context, actor.aadObjectId, answer.card);
    return this.reply(context, await this.channelView(answer.app ?? null, sent));
  }

  /** What everyone in a shared conversation may see: the application as a channel sees it. */
  private async channelView(app: ApplicationDoc | null, sent: boolean): Promise<AdaptiveCard> {
    const notice = sent
      ? { text: SENT_TO_PERSONAL_CHAT, tone: 'good' as const }
      : { text: NO_PERSONAL_CHAT, tone: 'warning' as const };
    if (app) return this.renderAppCard(statusCardName(app.kind), app, CHANNEL_VIEWER, {}, { notice });
    return infoCard(sent ? 'Sent to your 1:1 chat' : 'Ask me in our 1:1 chat', [notice.text], notice.tone);
  }

  private async beginStart(context: TurnContext, kind: WorkflowKind): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(START_DIALOG_ID, { kind });
  }

  /** What the process's start schema says of these answers, with the server-filled fields added. */
  private async checkStart(
    kind: WorkflowKind,
    answers: Record<string, unknown>,
    actor: Actor,
  ): Promise<FieldError[]> {
    let supplied: Record<string, unknown>;
    try {
      supplied = await startFields(this.deps.engine.workflow(kind), answers, this.deps.store.people, actor);
    } catch (e) {
      if (e instanceof ValidationError) return e.fieldErrors;
      throw e;
    }
    const parsed = this.deps.engine.workflow(kind).startSchema.safeParse({ ...answers, ...supplied });
    return parsed.success ? [] : zodFieldErrors(parsed.error);
  }

  private help(notice?: CardContext['notice']): AdaptiveCard {
    return helpCard(
      [
        { title: 'Everyone', entries: BASE_COMMANDS },
        {
          title: 'Processes',
          entries: this.workflowCommands.map((c) => ({ usage: c.usage, description: c.description })),
        },
        { title: 'Acting cover', entries: DELEGATION_COMMANDS },
        { title: 'Admins', entries: ADMIN_COMMANDS },
      ],
      notice,
    );
  }

  private async reply(context: TurnContext, card: AdaptiveCard): Promise<void> {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  }

  // ---------------------------------------------------------------- card actions

  /**
   * Invokes the bot does not handle, and card actions without an action, are the caller's mistake:
   * 400 with a reason rather than botbuilder's 501 or a crash on the missing field.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const a = context.activity;
    if (a.name === SEARCH_INVOKE) {
      const dataset = (a.value as { dataset?: unknown } | undefined)?.dataset;
      this.turn(context, null).log.info({ dataset: String(dataset).slice(0, 100) }, 'people search');
      return this.pickers.answer(context);
    }
    if (a.name === 'adaptiveCard/action') {
      const action = (a.value as { action?: unknown } | undefined)?.action;
      if (typeof action !== 'object' || action === null)
        return badInvoke('A card action must carry its action.');
    }
    const response = await super.onInvokeActivity(context);
    if (response.status === 501)
      return badInvoke(`Tautoko does not handle "${String(a.name ?? '').slice(0, 60)}".`);
    return response;
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return this.cardActions.handle(context, invokeValue);
  }

  /** A click on a start form: the start dialog takes the step and returns the card that replaces it. */
  private async startFromCard(
    context: TurnContext,
    form: SteppedForm,
    actor: Actor,
    inputs: Record<string, unknown>,
    params: Record<string, unknown>,
  ): Promise<AdaptiveCard> {
    const dc = await this.dialogs.createContext(context);
    return this.startDialog.submit(dc, form, actor, inputs, params);
  }

  async renderAppCard(
    name: string,
    app: ApplicationDoc,
    viewer: Actor,
    params: CardContext['params'],
    extra: Partial<CardContext>,
  ): Promise<AdaptiveCard> {
    const render = cardRenderers[name];
    if (!render) return errorCard(`card:${name}`);
    const now = this.deps.clock.now();
    // Unless the card has something else to say first, its top line says when its task is due.
    const due = extra.notice ? undefined : deadlineNotice(app, viewer, name, params, now);
    return this.deps.teamsUserIds.translate(
      await this.pickers.fill(
        render({
          app,
          viewer,
          now,
          params,
          ...(due ? { notice: due } : {}),
          ...(this.deps.links ? { links: this.deps.links } : {}),
          ...extra,
        }),
        viewer,
      ),
    );
  }
}

function badInvoke(message: string): InvokeResponse {
  return {
    status: 400,
    body: {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message },
    },
  };
}

export function originOf(context: TurnContext): { activityId: string; correlationId: string } {
  const existing = context.turnState.get('tautoko.correlationId') as string | undefined;
  const correlationId = existing ?? randomUUID();
  if (!existing) context.turnState.set('tautoko.correlationId', correlationId);
  return { activityId: context.activity.id ?? correlationId, correlationId };
}
