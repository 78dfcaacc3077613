import { ActivityTypes, CardFactory, TeamsActivityHandler, TurnContext } from 'botbuilder';
import type {
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  ConversationState,
  InvokeResponse,
} from 'botbuilder';
import type { Logger } from 'pino';
import { statusCardName } from '../cards/registry';
import type { CardLinks } from '../cards/types';
import type { Clock } from '../services/clock';
import type { DirectoryAdmin } from '../services/directory/admin';
import type { DirectoryCache } from '../services/directory/cache';
import type { Actor } from '../services/directory/person';
import type { ApplicationQueries } from '../services/queries';
import type { Store } from '../services/store/types';
import type { WorkflowEngine } from '../services/workflow/engine';
import type { TeamsUserIds } from './teamsUserIds';
import type { DeadlineDeps } from './deadlineCommands';
import type { PersonalChat } from './conversation';
import { AppCardViews } from './appCards';
import { CardActions } from './cardActions';
import { ChatMessages } from './chatMessages';
import { CommandAnswers } from './commandAnswers';
import { badRequest, cardResponse } from './invokeResponses';
import { PeoplePickers, SEARCH_INVOKE } from './peoplePickers';
import { StartForms } from './startForms';
import { StatusToChat } from './statusToChat';
import { turnOf } from './turn';
import type { Turn } from './turn';

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
 * The thin Teams layer: typed messages go to the chat commands (bot/chatMessages.ts), invokes are
 * looked up by name (people search, card actions) and card actions by verb (bot/cardActions.ts);
 * refusals are shown as bot/errorAnswers.ts says. Rules live in services/.
 */
export class TautokoBot extends TeamsActivityHandler {
  private readonly pickers: PeoplePickers;
  private readonly views: AppCardViews;
  private readonly messages: ChatMessages;
  private readonly cardActions: CardActions;
  /** The invokes Tautoko answers, by name; anything else is answered 400. */
  private readonly invokes: Record<string, (context: TurnContext) => Promise<InvokeResponse>> = {
    [SEARCH_INVOKE]: (context) => this.search(context),
    'adaptiveCard/action': (context) => this.cardAction(context),
  };
  /** What this process last saved as each person's 1:1 reference: a cache of the database's copy. */
  private readonly savedReferences = new Map<string, { json: string; at: number }>();

  constructor(private readonly deps: BotDeps) {
    super();
    this.pickers = new PeoplePickers({
      directory: deps.directory,
      resolveActor: (ctx) => this.resolveActor(ctx),
    });
    this.views = new AppCardViews({
      clock: deps.clock,
      links: deps.links,
      fillPickers: (card, viewer) => this.pickers.fill(card, viewer),
      translateUserIds: (card) => deps.teamsUserIds.translate(card),
    });
    const render = this.views.render;
    const startForms = new StartForms({
      ...deps,
      now: () => deps.clock.now(),
      decorate: (card, viewer) => this.pickers.fill(card, viewer),
      startedCard: (app, actor) =>
        render(
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
    });
    const resolveActor = (ctx: TurnContext) => this.resolveActor(ctx);
    const turn = (ctx: TurnContext, actor: Actor | null): Turn => turnOf(ctx, actor, deps.logger);
    this.messages = new ChatMessages({
      ...deps,
      commands: new CommandAnswers({
        ...deps,
        renderAppCard: render,
        beginStart: (ctx, kind, actor) => startForms.begin(ctx, kind, actor),
      }),
      workflowCommands: deps.engine.workflows().flatMap((w) => w.chatCommands),
      startForms,
      views: this.views,
      resolveActor,
      turn,
    });
    this.cardActions = new CardActions({
      ...deps,
      statusToChat: new StatusToChat({
        ...deps,
        statusCard: async (app, actor) =>
          cardResponse(
            await render(
              statusCardName(app.kind),
              app,
              actor,
              {},
              { history: await deps.engine.history(app._id) },
            ),
          ),
      }),
      resolveActor,
      turn,
      renderAppCard: render,
      channelView: (app, sent) => this.views.channelView(app, sent),
      startFromCard: (ctx, click) => startForms.step(ctx, click),
    });

    this.onMessage(async (context, next) => {
      await this.rememberConversation(context);
      await this.messages.handle(context);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.rememberConversation(context, true);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberConversation(context, true);
      if (context.activity.conversation.conversationType === 'personal') {
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(this.messages.help())] });
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

  // ---------------------------------------------------------------- invokes

  /**
   * Invokes are looked up by name. Those the bot does not handle, and card actions without an
   * action, are the caller's mistake: 400 with a reason rather than botbuilder's 501 or a crash on
   * the missing field.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name ?? '';
    const handler = Object.hasOwn(this.invokes, name) ? this.invokes[name] : undefined;
    if (!handler) return badRequest(`Tautoko does not handle "${name.slice(0, 60)}".`);
    return handler(context);
  }

  /** `application/search`: a people picker's typeahead. */
  private async search(context: TurnContext): Promise<InvokeResponse> {
    const dataset = (context.activity.value as { dataset?: unknown } | undefined)?.dataset;
    turnOf(context, null, this.deps.logger).log.info(
      { dataset: String(dataset).slice(0, 100) },
      'people search',
    );
    return this.pickers.answer(context);
  }

  /** `adaptiveCard/action`: read and checked by botbuilder, then answered by the verb's handler. */
  private async cardAction(context: TurnContext): Promise<InvokeResponse> {
    const action = (context.activity.value as { action?: unknown } | undefined)?.action;
    if (typeof action !== 'object' || action === null)
      return badRequest('A card action must carry its action.');
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return this.cardActions.handle(context, invokeValue);
  }
}
