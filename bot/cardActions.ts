import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ActionVerb } from '../cards/actionVerbs';
import { myTasksCard } from '../cards/generic/lists';
import { infoCard, notFoundCard, notInDirectoryCard } from '../cards/generic/messages';
import { cardRenderers, startForms, statusCardName } from '../cards/registry';
import type { StartClick } from '../dialogs/startApplicationDialog';
import { startCardName } from '../cards/steps';
import type { AdaptiveCard } from '../cards/types';
import type { Clock } from '../services/clock';
import type { Actor } from '../services/directory/person';
import type { ApplicationQueries } from '../services/queries';
import { normaliseId } from '../services/queries';
import type { Store } from '../services/store/types';
import type { ApplicationDoc } from '../services/workflow/domain';
import { formatNz } from '../services/time';
import { commandFields } from '../services/workflow/serverFields';
import type { WorkflowEngine } from '../services/workflow/engine';
import { parseAction, verbOf } from './actionData';
import type { ParsedActionData } from './actionData';
import type { RenderAppCard } from './appCards';
import { isSharedConversation } from './conversation';
import type { PersonalChat } from './conversation';
import { refusalResponse } from './errorAnswers';
import { CARD_CONTENT_TYPE, cardResponse, cardWords, messageResponse } from './invokeResponses';
import type { StatusToChat } from './statusToChat';
import { quietly } from './turn';
import type { Turn } from './turn';

export const START_IN_PERSONAL_CHAT = infoCard(
  'Start it in our 1:1 chat',
  [
    'Applications are started in a 1:1 chat with Tautoko, where only you see the form. Type the same command there.',
  ],
  'warning',
);

const didNotWork = (line: string) => cardResponse(infoCard('That did not work', [line], 'attention'));
const UNREADABLE =
  'This card sent something Tautoko could not read. Ask for the card again (for example with `status <id>`).';
const NO_APPLICATION = 'This card is missing its application. Ask for it again with `status <id>`.';
const NO_SUCH_CARD = 'This card is no longer available. Use `status <id>`.';

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
  renderAppCard: RenderAppCard;
  /** What everyone in a shared conversation may see, with a note on where the personal view went. */
  channelView(app: ApplicationDoc | null, sent: boolean): Promise<AdaptiveCard>;
  /** "Send my status view to my chat" on a channel post. */
  statusToChat: StatusToChat;
  /** Hands a click on a start form to the start dialog; returns the card that replaces it. */
  startFromCard(context: TurnContext, click: StartClick): Promise<AdaptiveCard>;
}

/** One click, read: who clicked, the kind of action (its verb), and what the card's data says. */
interface Click {
  context: TurnContext;
  verb: ActionVerb;
  data: ParsedActionData;
  inputs: Record<string, string | number | boolean>;
  actor: Actor;
  turn: Turn;
  /** `submit`: the application as stored, read while the clicker was looked up. */
  stored?: ReturnType<ApplicationQueries['stored']> | undefined;
}

/**
 * Every `Action.Execute` click (adaptiveCard/action): its verb says what kind of action it is, and
 * the table below names the handler of each; the card data names the card, application and
 * command; the clicker comes from the activity and the directory, never from the data. The answer
 * is the card redrawn for the clicker, with a notice, or with the errors beside the fields and the
 * typed input kept (bot/errorAnswers.ts says how each refusal is shown).
 */
export class CardActions {
  private readonly handlers: Record<ActionVerb, (click: Click) => Promise<AdaptiveCardInvokeResponse>> = {
    open: (click) => this.open(click),
    refresh: (click) => this.open(click),
    submit: (click) => this.submit(click),
    start: (click) => this.start(click),
    myTasks: (click) => this.myTasks(click),
    statusToChat: (click) => this.statusToChat(click),
  };

  constructor(private readonly deps: CardActionDeps) {}

  async handle(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    try {
      const parsed = parseAction(invokeValue.action?.data);
      const verb = parsed ? verbOf(invokeValue.action?.verb, parsed.data) : undefined;
      // Who clicks and what they clicked on are independent reads: both go out at once.
      const stored =
        verb === 'submit' && parsed?.data.applicationId && parsed.data.command
          ? quietly(this.deps.queries.stored(parsed.data.applicationId))
          : undefined;
      const actor = await this.deps.resolveActor(context);
      const turn = this.deps.turn(context, actor);
      if (!parsed || !verb) {
        turn.log.warn({ verb: String(invokeValue.action?.verb).slice(0, 60) }, 'unreadable card action');
        return toClickerOnly(context, didNotWork(UNREADABLE));
      }
      if (!actor) return toClickerOnly(context, cardResponse(notInDirectoryCard()));
      const { data, inputs } = parsed;
      turn.log.info(
        { verb, card: data.card, command: data.command, applicationId: data.applicationId },
        'card action',
      );
      const click: Click = { context, verb, data, inputs, actor, turn, stored };
      return await this.keepSharedCardsShared(click, await this.handlers[verb](click));
    } catch (e) {
      // Refused at any step: the database unreachable is answered with a message, which leaves the
      // card on screen with everything the user typed, so they can submit it again.
      const log = this.deps.logger.child({ activityId: context.activity.id });
      return toClickerOnly(context, await refusalResponse(e, log));
    }
  }

  /**
   * In a group chat or channel the card a click returns replaces the card for everyone, so it must
   * be the channel view; the view drawn for the clicker goes to their 1:1 chat. A refresh (trigger
   * "automatic") is answered to the asking client only and stays personal.
   */
  private async keepSharedCardsShared(
    click: Click,
    response: AdaptiveCardInvokeResponse,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { context, actor, data } = click;
    if (!answersEveryone(context)) return response;
    // A start form is refused in a shared conversation with a message for everyone.
    if (response.type !== CARD_CONTENT_TYPE || click.verb === 'start') return response;
    const sent = await this.deps.personalChat.send(
      context,
      actor.aadObjectId,
      response.value as unknown as AdaptiveCard,
    );
    const app = data.applicationId ? await this.deps.queries.visible(data.applicationId, actor) : null;
    return cardResponse(await this.deps.channelView(app, sent));
  }

  /** `open` and `refresh`: the card drawn for the clicker (a status card with its trail). */
  private async open({ data, actor }: Click): Promise<AdaptiveCardInvokeResponse> {
    if (!data.applicationId) return didNotWork(NO_APPLICATION);
    const app = await this.deps.queries.visible(data.applicationId, actor);
    if (!app) return cardResponse(notFoundCard(normaliseId(data.applicationId)));
    if (!cardRenderers[data.card]) return didNotWork(NO_SUCH_CARD);
    return cardResponse(await this.redraw(data, app, actor, {}));
  }

  /** `submit`: runs the card's command; the card redrawn with the outcome, or with the errors and the input. */
  private async submit(click: Click): Promise<AdaptiveCardInvokeResponse> {
    const { data, inputs, actor, turn } = click;
    const command = data.command;
    if (!command) return this.open(click);
    if (!data.applicationId) return didNotWork(NO_APPLICATION);
    const app = await this.deps.queries.visibleSnapshot(data.applicationId, actor, click.stored);
    if (!app) return cardResponse(notFoundCard(normaliseId(data.applicationId)));
    if (!cardRenderers[data.card]) return didNotWork(NO_SUCH_CARD);
    const { engine, clock, store } = this.deps;
    try {
      const sent = { ...inputs, ...(data.args ?? {}) };
      const { app: after, events } = await engine.execute(
        app._id,
        {
          ...sent,
          ...(await commandFields(engine.workflow(app.kind), command, app, store.people, sent, actor)),
          type: command,
        },
        actor,
        turn.origin,
        app,
      );
      const notice =
        events.length > 0
          ? { text: `Recorded by ${actor.name}, ${formatNz(clock.now())}.`, tone: 'good' as const }
          : { text: 'Nothing needed changing.', tone: 'default' as const };
      return cardResponse(await this.redraw(data, after, actor, { notice }));
    } catch (e) {
      return refusalResponse(e, turn.log, async ({ notice, fieldErrors }) => {
        // Field errors are about this submission; any other refusal is shown on the card as it is now.
        const current = fieldErrors ? app : ((await engine.load(app._id)) ?? app);
        return this.deps.renderAppCard(data.card, current, actor, data.params ?? {}, {
          input: inputs,
          notice,
          ...(fieldErrors ? { errors: fieldErrors } : {}),
        });
      });
    }
  }

  /** The card named in the data, redrawn for the clicker; a status card with its trail. */
  private async redraw(
    data: ParsedActionData,
    app: ApplicationDoc,
    actor: Actor,
    extra: { notice?: { text: string; tone: 'good' | 'default' } },
  ): Promise<AdaptiveCard> {
    const history =
      data.card === statusCardName(app.kind) ? await this.deps.engine.history(app._id) : undefined;
    return this.deps.renderAppCard(data.card, app, actor, data.params ?? {}, {
      ...extra,
      ...(history ? { history } : {}),
    });
  }

  /** `start`: a step of a start form, taken by the start dialog, which returns the card that replaces it. */
  private async start({ context, data, inputs, actor }: Click): Promise<AdaptiveCardInvokeResponse> {
    if (isSharedConversation(context.activity)) return cardResponse(START_IN_PERSONAL_CHAT);
    const form = Object.values(startForms).find((f) => startCardName(f.kind) === data.card);
    if (!form)
      return cardResponse(infoCard('Unknown form', ['This form is no longer available.'], 'attention'));
    return cardResponse(
      await this.deps.startFromCard(context, { form, actor, inputs, params: data.params ?? {} }),
    );
  }

  private async myTasks({ actor }: Click): Promise<AdaptiveCardInvokeResponse> {
    const now = this.deps.clock.now();
    return cardResponse(myTasksCard(await this.deps.queries.myTasks(actor, now), now));
  }

  private async statusToChat({ context, data, actor }: Click): Promise<AdaptiveCardInvokeResponse> {
    if (!data.applicationId) return didNotWork(NO_APPLICATION);
    return this.deps.statusToChat.handle(context, actor, data.applicationId);
  }
}

/**
 * A refusal before any card was drawn for the click. In a group chat or channel a returned card
 * would replace the post for everyone in it, so the clicker alone is told, with a message, and the
 * post stays; in a 1:1 chat the card is the answer.
 */
function toClickerOnly(
  context: TurnContext,
  response: AdaptiveCardInvokeResponse,
): AdaptiveCardInvokeResponse {
  if (!answersEveryone(context) || response.type !== CARD_CONTENT_TYPE) return response;
  return messageResponse(cardWords(response.value as unknown as AdaptiveCard));
}

/**
 * Whether the card an invoke returns is shown to everyone in the conversation: a click in a group
 * chat or channel. A refresh (trigger "automatic") is answered to the asking client only.
 */
function answersEveryone(context: TurnContext): boolean {
  // botbuilder's parsed invoke value drops the trigger; the activity has it.
  const trigger = (context.activity.value as { trigger?: unknown } | undefined)?.trigger;
  return isSharedConversation(context.activity) && trigger !== 'automatic';
}
