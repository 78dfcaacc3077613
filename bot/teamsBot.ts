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
import { applicationsListCard, myTasksCard, outboxFailedCard, whoisCard } from '../cards/generic/lists';
import { deadlineNotice } from '../cards/generic/deadline';
import { errorCard, infoCard, notFoundCard, notInDirectoryCard } from '../cards/generic/messages';
import { cardRenderers, startForms, statusCardName } from '../cards/registry';
import type { AdaptiveCard, CardContext, CardLinks, PersonChoice } from '../cards/types';
import { isCancel, START_DIALOG_ID, StartApplicationDialog } from '../dialogs/startApplicationDialog';
import type { StartDialogOptions } from '../dialogs/startApplicationDialog';
import type { Clock } from '../services/clock';
import type { DirectoryAdmin } from '../services/directory/admin';
import type { DirectoryCache } from '../services/directory/cache';
import type { Actor } from '../services/directory/person';
import { actorFromPerson } from '../services/directory/person';
import { DomainError, UnavailableError, ValidationError } from '../services/errors';
import type { ApplicationQueries } from '../services/queries';
import { normaliseId } from '../services/queries';
import type { ApplicationDoc, Store, WorkflowKind } from '../services/store/types';
import { formatNz } from '../services/time';
import type { WorkflowEngine } from '../services/workflow/engine';
import type { ChatCommandSpec } from '../services/workflow/types';
import { parseAction } from './actionData';
import { serverFields, startFields } from './serverFields';
import { ADMIN_COMMANDS, BASE_COMMANDS, parseChatCommand } from './chatCommands';
import { devClockCommand, digestCommand } from './deadlineCommands';
import type { DeadlineDeps } from './deadlineCommands';
import type { ChatCommand } from './chatCommands';

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
  deadlines: DeadlineDeps;
  /** "Open in Tautoko" links on cards (undefined when no Teams app id is configured). */
  links?: CardLinks | undefined;
  /** Due outbox work older than this is shown to admins as a stuck outbox. */
  outboxStuckAfterMs?: number;
}

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** How long a person's saved 1:1 reference is trusted before a message saves it again. */
const REFERENCE_RESAVE_MS = 10 * 60_000;
const MESSAGE_CONTENT_TYPE = 'application/vnd.microsoft.activity.message';

/** Per-turn facts every handler needs: who, and the ids that tie log lines and audit events together. */
interface Turn {
  actor: Actor | null;
  origin: { activityId: string; correlationId: string };
  log: Logger;
}

/**
 * The thin Teams layer: turns messages into commands and card clicks into workflow commands,
 * and results into Adaptive Cards. Rules live in services/.
 */
export class TautokoBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private readonly workflowCommands: ChatCommandSpec[];
  /** What this process last saved as each person's 1:1 reference: a cache of the database's copy. */
  private readonly savedReferences = new Map<string, { json: string; at: number }>();

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(
      new StartApplicationDialog({
        forms: startForms,
        resolveActor: (ctx) => this.resolveActor(ctx),
        start: async (kind, input, actor, ctx) =>
          deps.engine.start(
            kind,
            { ...input, ...(await startFields(kind, input, deps.store)) },
            actor,
            originOf(ctx),
          ),
        people: (actor) => this.peopleChoices(actor.roles.map((g) => g.site)),
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
      }),
    );
    this.workflowCommands = deps.engine.workflows().flatMap((w) => w.chatCommands);

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
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
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
    const person = await this.deps.directory.person(id);
    return person ? actorFromPerson(person) : null;
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
    try {
      await this.runCommand(context, command, actor, turn, prefetched);
    } catch (e) {
      if (e instanceof DomainError) {
        await this.reply(context, infoCard('Not done', [e.userMessage], 'attention'));
        return;
      }
      throw e;
    }
  }

  private async runCommand(
    context: TurnContext,
    command: Exclude<ChatCommand, { kind: 'help' | 'unknown' | 'cancel' }>,
    actor: Actor,
    turn: Turn,
    prefetched?: ReturnType<ApplicationQueries['withHistory']>,
  ): Promise<void> {
    const { queries, admin, clock, store } = this.deps;
    switch (command.kind) {
      case 'status': {
        const found = await queries.visibleWithHistory(command.id, actor, prefetched);
        if (!found) return this.reply(context, notFoundCard(normaliseId(command.id)));
        return this.reply(
          context,
          await this.renderAppCard(
            statusCardName(found.app.kind),
            found.app,
            actor,
            {},
            { history: found.history },
          ),
        );
      }
      case 'myTasks':
        return this.reply(context, myTasksCard(await queries.myTasks(actor, clock.now()), clock.now()));
      case 'forPrisoner':
        return this.reply(
          context,
          applicationsListCard(command.prisonerId, await queries.forPrisoner(command.prisonerId, actor)),
        );
      case 'whois':
        return this.reply(context, whoisCard(await admin.findPeople(command.query)));
      case 'role': {
        const person = await admin.changeRole(
          actor,
          command.op,
          command.who,
          command.role,
          command.site,
          turn.origin,
        );
        return this.reply(context, whoisCard([person]));
      }
      case 'registerChannel': {
        const conv = context.activity.conversation;
        if (conv?.conversationType !== 'channel') {
          return this.reply(
            context,
            infoCard(
              'Not registered',
              ['Type this inside the channel you want to register, mentioning Tautoko.'],
              'warning',
            ),
          );
        }
        const ref = JSON.parse(
          JSON.stringify(TurnContext.getConversationReference(context.activity)),
        ) as Record<string, unknown>;
        await admin.registerChannel(actor, command.purpose, command.site, ref, turn.origin);
        return this.reply(
          context,
          infoCard(
            'Channel registered',
            [
              `This channel now receives ${command.purpose} messages for ${command.site}.`,
              `Registered by ${actor.name} at ${formatNz(clock.now())}.`,
            ],
            'good',
          ),
        );
      }
      case 'outboxFailed': {
        if (!actor.roles.some((g) => g.role === 'admin'))
          return this.reply(context, infoCard('Not available', ['This is for Tautoko admins.'], 'attention'));
        const stuckAfterMs = this.deps.outboxStuckAfterMs ?? 300_000;
        const overdue = await store.outbox.overdue(new Date(clock.now().getTime() - stuckAfterMs));
        return this.reply(
          context,
          outboxFailedCard(await store.outbox.listFailed(20), await store.outbox.countByStatus(), {
            ...overdue,
            stuckAfterMs,
          }),
        );
      }
      case 'digest':
        return this.reply(context, await digestCommand(this.deps.deadlines, actor, command.on, clock.now()));
      case 'devClock':
        return this.reply(context, await devClockCommand(this.deps.deadlines, actor, command.change));
      case 'workflow': {
        const intent = command.intent;
        if (intent.kind === 'start') return this.beginStart(context, intent.workflow);
        const app = await queries.visible(intent.applicationId, actor);
        if (!app) return this.reply(context, notFoundCard(normaliseId(intent.applicationId)));
        return this.reply(
          context,
          await this.renderAppCard(intent.card, app, actor, intent.params ?? {}, {}),
        );
      }
    }
  }

  private async beginStart(
    context: TurnContext,
    kind: WorkflowKind,
    submission?: Record<string, unknown>,
  ): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    const options: StartDialogOptions = submission ? { kind, submission } : { kind };
    await dc.beginDialog(START_DIALOG_ID, options);
  }

  private help(notice?: CardContext['notice']): AdaptiveCard {
    return helpCard(
      [
        { title: 'Everyone', entries: BASE_COMMANDS },
        {
          title: 'Processes',
          entries: this.workflowCommands.map((c) => ({ usage: c.usage, description: c.description })),
        },
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
    try {
      return await this.handleCardAction(context, invokeValue);
    } catch (e) {
      // Database unreachable at any step: answer with a message, which leaves the card on screen with
      // everything the user typed, so they can submit it again.
      if (e instanceof UnavailableError) {
        this.deps.logger.warn(
          { activityId: context.activity.id },
          'card action not saved: database unavailable',
        );
        return {
          statusCode: 200,
          type: MESSAGE_CONTENT_TYPE,
          value: e.userMessage as unknown as Record<string, unknown>,
        };
      }
      throw e;
    }
  }

  private async handleCardAction(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const parsed = parseAction(invokeValue.action?.data);
    // Who clicks and what they clicked on are independent reads: both go out at once.
    const clicked = parsed?.data;
    const stored =
      clicked?.applicationId && clicked.command && !clicked.refresh
        ? quietly(this.deps.queries.stored(clicked.applicationId))
        : undefined;
    const actor = await this.resolveActor(context);
    const turn = this.turn(context, actor);
    if (!parsed) {
      turn.log.warn('unreadable card action');
      return cardResponse(
        infoCard(
          'That did not work',
          [
            'This card sent something Tautoko could not read. Ask for the card again (for example with `status <id>`).',
          ],
          'attention',
        ),
      );
    }
    if (!actor) return cardResponse(notInDirectoryCard());
    const { data, inputs } = parsed;
    turn.log.info(
      { card: data.card, command: data.command, applicationId: data.applicationId },
      'card action',
    );

    if (data.card.startsWith('start:')) {
      const kind = data.card.slice('start:'.length) as WorkflowKind;
      if (!startForms[kind])
        return cardResponse(infoCard('Unknown form', ['This form is no longer available.'], 'attention'));
      const dc = await this.dialogs.createContext(context);
      if (
        dc.activeDialog?.id === START_DIALOG_ID &&
        (dc.activeDialog.state as { kind?: string }).kind === kind
      )
        await dc.continueDialog();
      else await this.beginStart(context, kind, inputs);
      // The dialog answered the invoke itself; the handler must not send a second response.
      return { statusCode: 200, type: MESSAGE_CONTENT_TYPE, value: {} };
    }
    if (data.card === 'generic.mytasks') {
      return cardResponse(
        myTasksCard(await this.deps.queries.myTasks(actor, this.deps.clock.now()), this.deps.clock.now()),
      );
    }
    if (!data.applicationId)
      return cardResponse(
        infoCard(
          'That did not work',
          ['This card is missing its application. Ask for it again with `status <id>`.'],
          'attention',
        ),
      );

    const command = data.command && !data.refresh ? data.command : undefined;
    const app = command
      ? await this.deps.queries.visibleSnapshot(data.applicationId, actor, stored)
      : await this.deps.queries.visible(data.applicationId, actor);
    if (!app) return cardResponse(notFoundCard(normaliseId(data.applicationId)));
    if (!cardRenderers[data.card])
      return cardResponse(
        infoCard('That did not work', ['This card is no longer available. Use `status <id>`.'], 'attention'),
      );
    const params = data.params ?? {};

    if (!command) {
      const history = data.card.endsWith('.status') ? await this.deps.engine.history(app._id) : undefined;
      return cardResponse(
        await this.renderAppCard(data.card, app, actor, params, history ? { history } : {}),
      );
    }
    try {
      const { app: after, events } = await this.deps.engine.execute(
        app._id,
        {
          ...inputs,
          ...(data.args ?? {}),
          ...(await serverFields(command, app, this.deps.store)),
          type: command,
        },
        actor,
        turn.origin,
        app,
      );
      const notice =
        events.length > 0
          ? { text: `Recorded by ${actor.name}, ${formatNz(this.deps.clock.now())}.`, tone: 'good' as const }
          : { text: 'Nothing needed changing.', tone: 'default' as const };
      const history = data.card.endsWith('.status') ? await this.deps.engine.history(after._id) : undefined;
      return cardResponse(
        await this.renderAppCard(data.card, after, actor, params, {
          notice,
          ...(history ? { history } : {}),
        }),
      );
    } catch (e) {
      if (e instanceof ValidationError) {
        turn.log.info({ fields: e.fieldErrors.map((f) => f.field) }, 'submission failed validation');
        return cardResponse(
          await this.renderAppCard(data.card, app, actor, params, {
            errors: e.fieldErrors,
            input: inputs,
            notice: { text: e.userMessage, tone: 'attention' },
          }),
        );
      }
      if (e instanceof UnavailableError) {
        // Answering with a message leaves the card as it is on screen, the user's answers with it.
        return {
          statusCode: 200,
          type: MESSAGE_CONTENT_TYPE,
          value: e.userMessage as unknown as Record<string, unknown>,
        };
      }
      if (e instanceof DomainError) {
        turn.log.info({ code: e.code }, 'action refused');
        const current = (await this.deps.engine.load(app._id)) ?? app;
        return cardResponse(
          await this.renderAppCard(data.card, current, actor, params, {
            input: inputs,
            notice: { text: e.userMessage, tone: 'attention' },
          }),
        );
      }
      throw e;
    }
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
    return render({
      app,
      viewer,
      now,
      params,
      people: await this.peopleChoices([app.site]),
      ...(due ? { notice: due } : {}),
      ...(this.deps.links ? { links: this.deps.links } : {}),
      ...extra,
    });
  }

  /**
   * Directory people working at these sites, offered in choice lists (a facilitator, a contributor).
   * The whole directory is read again only after it changed (the turn's own look-up of its user
   * checked the revision).
   */
  async peopleChoices(sites: string[]): Promise<PersonChoice[]> {
    return (await this.deps.directory.all())
      .filter((p) => p.roles.some((g) => sites.includes(g.site)))
      .map((p) => ({ aadObjectId: p.aadObjectId, name: p.name }))
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, 100);
  }
}

/** A read started ahead of need: its failure is reported where it is awaited, never as unhandled. */
function quietly<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
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

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
}

export function originOf(context: TurnContext): { activityId: string; correlationId: string } {
  const existing = context.turnState.get('tautoko.correlationId') as string | undefined;
  const correlationId = existing ?? randomUUID();
  if (!existing) context.turnState.set('tautoko.correlationId', correlationId);
  return { activityId: context.activity.id ?? correlationId, correlationId };
}
