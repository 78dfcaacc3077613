import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { myTasksCard } from '../cards/generic/lists';
import { infoCard, notFoundCard, notInDirectoryCard } from '../cards/generic/messages';
import { cardRenderers, startForms } from '../cards/registry';
import type { SteppedForm } from '../cards/steps';
import { STATUS_TO_CHAT } from '../cards/statusButtons';
import type { AdaptiveCard, CardContext } from '../cards/types';
import type { Clock } from '../services/clock';
import type { Actor } from '../services/directory/person';
import { DomainError, UnavailableError, ValidationError } from '../services/errors';
import type { ApplicationQueries } from '../services/queries';
import { normaliseId } from '../services/queries';
import type { Store } from '../services/store/types';
import type { ApplicationDoc, WorkflowKind } from '../services/workflow/domain';
import { commandFields } from '../services/workflow/serverFields';
import { formatNz } from '../services/time';
import type { WorkflowEngine } from '../services/workflow/engine';
import { parseAction } from './actionData';
import type { ParsedActionData } from './actionData';
import { isSharedConversation } from './conversation';
import type { PersonalChat } from './conversation';
import type { StatusToChat } from './statusToChat';

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_CONTENT_TYPE = 'application/vnd.microsoft.activity.message';

export const START_IN_PERSONAL_CHAT = infoCard(
  'Start it in our 1:1 chat',
  [
    'Applications are started in a 1:1 chat with Tautoko, where only you see the form. Type the same command there.',
  ],
  'warning',
);

/** Per-turn facts every handler needs: who, and the ids that tie log lines and audit events together. */
export interface Turn {
  actor: Actor | null;
  origin: { activityId: string; correlationId: string };
  log: Logger;
}

/** What card actions need from the rest of the bot (the Teams handler provides it). */
export interface CardActionDeps {
  store: Store;
  engine: WorkflowEngine;
  queries: ApplicationQueries;
  clock: Clock;
  logger: Logger;
  personalChat: PersonalChat;
  resolveActor(context: TurnContext): Promise<Actor | null>;
  turn(context: TurnContext, actor: Actor | null): Turn;
  renderAppCard(
    name: string,
    app: ApplicationDoc,
    viewer: Actor,
    params: CardContext['params'],
    extra: Partial<CardContext>,
  ): Promise<AdaptiveCard>;
  /** What everyone in a shared conversation may see, with a note on where the personal view went. */
  channelView(app: ApplicationDoc | null, sent: boolean): Promise<AdaptiveCard>;
  /** "Send my status view to my chat" on a channel post. */
  statusToChat: StatusToChat;
  /** Hands a click on a start form to the start dialog; returns the card that replaces it. */
  startFromCard(
    context: TurnContext,
    form: SteppedForm,
    actor: Actor,
    inputs: Record<string, unknown>,
    params: Record<string, unknown>,
  ): Promise<AdaptiveCard>;
}

/**
 * Every `Action.Execute` click (adaptiveCard/action): the card data names the card, application,
 * version and command; the clicker comes from the activity and the directory, never from the data.
 * The answer is the card redrawn for the clicker, with a notice, or with the errors beside the
 * fields and the typed input kept.
 */
export class CardActions {
  constructor(private readonly deps: CardActionDeps) {}

  async handle(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    try {
      return await this.keepSharedCardsShared(context, invokeValue, await this.answer(context, invokeValue));
    } catch (e) {
      // Database unreachable at any step: answer with a message, which leaves the card on screen with
      // everything the user typed, so they can submit it again.
      if (e instanceof UnavailableError) {
        this.deps.logger.warn(
          { activityId: context.activity.id },
          'card action not saved: database unavailable',
        );
        return messageResponse(e.userMessage);
      }
      throw e;
    }
  }

  /**
   * In a group chat or channel the card a click returns replaces the card for everyone, so it must
   * be the channel view; the view drawn for the clicker goes to their 1:1 chat. A refresh (trigger
   * "automatic") is answered to the asking client only and stays personal.
   */
  private async keepSharedCardsShared(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
    response: AdaptiveCardInvokeResponse,
  ): Promise<AdaptiveCardInvokeResponse> {
    // botbuilder's parsed invoke value drops the trigger; the activity has it.
    const trigger = (context.activity.value as { trigger?: unknown } | undefined)?.trigger;
    if (!isSharedConversation(context.activity) || trigger === 'automatic') return response;
    const data = parseAction(invokeValue.action?.data)?.data;
    // A start form is refused in a shared conversation with a message for everyone.
    if (response.type !== CARD_CONTENT_TYPE || data?.card.startsWith('start:')) return response;
    const actor = await this.deps.resolveActor(context);
    if (!actor) return response;
    const sent = await this.deps.personalChat.send(
      context,
      actor.aadObjectId,
      response.value as unknown as AdaptiveCard,
    );
    const app = data?.applicationId ? await this.deps.queries.visible(data.applicationId, actor) : null;
    return cardResponse(await this.deps.channelView(app, sent));
  }

  private async answer(
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
    const actor = await this.deps.resolveActor(context);
    const turn = this.deps.turn(context, actor);
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
      if (isSharedConversation(context.activity)) return cardResponse(START_IN_PERSONAL_CHAT);
      const form = startForms[data.card.slice('start:'.length) as WorkflowKind];
      if (!form)
        return cardResponse(infoCard('Unknown form', ['This form is no longer available.'], 'attention'));
      return cardResponse(await this.deps.startFromCard(context, form, actor, inputs, data.params ?? {}));
    }
    if (data.card === 'generic.mytasks') {
      const now = this.deps.clock.now();
      return cardResponse(myTasksCard(await this.deps.queries.myTasks(actor, now), now));
    }
    if (!data.applicationId)
      return cardResponse(
        infoCard(
          'That did not work',
          ['This card is missing its application. Ask for it again with `status <id>`.'],
          'attention',
        ),
      );
    if (data.card === STATUS_TO_CHAT)
      return this.deps.statusToChat.handle(context, actor, data.applicationId);
    const command = data.command && !data.refresh ? data.command : undefined;
    const app = command
      ? await this.deps.queries.visibleSnapshot(data.applicationId, actor, stored)
      : await this.deps.queries.visible(data.applicationId, actor);
    if (!app) return cardResponse(notFoundCard(normaliseId(data.applicationId)));
    if (!cardRenderers[data.card])
      return cardResponse(
        infoCard('That did not work', ['This card is no longer available. Use `status <id>`.'], 'attention'),
      );
    if (!command) {
      const history = data.card.endsWith('.status') ? await this.deps.engine.history(app._id) : undefined;
      return cardResponse(
        await this.deps.renderAppCard(data.card, app, actor, data.params ?? {}, history ? { history } : {}),
      );
    }
    return this.execute({ ...data, command }, inputs, app, actor, turn);
  }

  /** Runs the card's command; redraws the card with the outcome, or with the errors and the input. */
  private async execute(
    data: ParsedActionData & { command: string },
    inputs: Record<string, unknown>,
    app: ApplicationDoc,
    actor: Actor,
    turn: Turn,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { engine, clock, store } = this.deps;
    const params = data.params ?? {};
    try {
      const { app: after, events } = await engine.execute(
        app._id,
        {
          ...inputs,
          ...(data.args ?? {}),
          ...(await commandFields(engine.workflow(app.kind), data.command, app, store.people)),
          type: data.command,
        },
        actor,
        turn.origin,
        app,
      );
      const notice =
        events.length > 0
          ? { text: `Recorded by ${actor.name}, ${formatNz(clock.now())}.`, tone: 'good' as const }
          : { text: 'Nothing needed changing.', tone: 'default' as const };
      const history = data.card.endsWith('.status') ? await engine.history(after._id) : undefined;
      return cardResponse(
        await this.deps.renderAppCard(data.card, after, actor, params, {
          notice,
          ...(history ? { history } : {}),
        }),
      );
    } catch (e) {
      if (e instanceof ValidationError) {
        turn.log.info({ fields: e.fieldErrors.map((f) => f.field) }, 'submission failed validation');
        return cardResponse(
          await this.deps.renderAppCard(data.card, app, actor, params, {
            errors: e.fieldErrors,
            input: inputs,
            notice: { text: e.userMessage, tone: 'attention' },
          }),
        );
      }
      // Answering with a message leaves the card as it is on screen, the user's answers with it.
      if (e instanceof UnavailableError) return messageResponse(e.userMessage);
      if (e instanceof DomainError) {
        turn.log.info({ code: e.code }, 'action refused');
        const current = (await engine.load(app._id)) ?? app;
        return cardResponse(
          await this.deps.renderAppCard(data.card, current, actor, params, {
            input: inputs,
            notice: { text: e.userMessage, tone: 'attention' },
          }),
        );
      }
      throw e;
    }
  }
}

export function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
}

function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: MESSAGE_CONTENT_TYPE, value: text as unknown as Record<string, unknown> };
}

/** A read started ahead of need: its failure is reported where it is awaited, never as unhandled. */
export function quietly<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
