import { TurnContext } from 'botbuilder';
import { infoCard, notFoundCard } from '../cards/generic/messages';
import { applicationsListCard, myTasksCard, outboxFailedCard, whoisCard } from '../cards/generic/lists';
import { statusCardName } from '../cards/registry';
import type { AdaptiveCard } from '../cards/types';
import type { Clock } from '../services/clock';
import type { DirectoryAdmin } from '../services/directory/admin';
import type { Actor } from '../services/directory/person';
import type { ApplicationQueries } from '../services/queries';
import { normaliseId } from '../services/queries';
import type { Store } from '../services/store/types';
import type { ApplicationDoc, WorkflowKind } from '../services/workflow/domain';
import { formatNz } from '../services/time';
import type { RenderAppCard } from './appCards';
import { START_IN_PERSONAL_CHAT } from './cardActions';
import type { Turn } from './turn';
import type { ChatCommand } from './chatCommands';
import { devClockCommand, digestCommand } from './deadlineCommands';
import type { DeadlineDeps } from './deadlineCommands';
import { isSharedConversation } from './conversation';
import { runDelegationCommand } from './delegationCommands';

/** What a chat command answers, and whether it was drawn for the person who asked. */
export interface Answer {
  card: AdaptiveCard;
  /** Drawn for the asker: posted only in a 1:1 chat; a shared conversation gets the channel view. */
  personal: boolean;
  /** The application it is about, whose channel view a shared conversation gets. */
  app?: ApplicationDoc;
}
export const forEveryone = (card: AdaptiveCard): Answer => ({ card, personal: false });
export const forAsker = (card: AdaptiveCard, app?: ApplicationDoc): Answer => ({
  card,
  personal: true,
  ...(app ? { app } : {}),
});

export interface CommandAnswersDeps {
  store: Store;
  queries: ApplicationQueries;
  admin: DirectoryAdmin;
  clock: Clock;
  /** Due outbox work older than this is shown to admins as a stuck outbox. */
  outboxStuckAfterMs?: number;
  renderAppCard: RenderAppCard;
  /** `new …`: begins a start form in this conversation; its first step (none if it has no form). */
  beginStart(context: TurnContext, kind: WorkflowKind, actor: Actor): Promise<AdaptiveCard | undefined>;
  deadlines: DeadlineDeps;
}

/**
 * The answer to each typed command, marked as drawn for the asker or fit for everyone; the Teams
 * handler decides where it goes (a shared conversation never gets a personal answer).
 */
export class CommandAnswers {
  constructor(private readonly deps: CommandAnswersDeps) {}

  async run(
    context: TurnContext,
    command: Exclude<ChatCommand, { kind: 'help' | 'unknown' | 'cancel' }>,
    actor: Actor,
    turn: Turn,
    /** `status`: the application and its trail, read while the asker was looked up. */
    prefetched?: ReturnType<ApplicationQueries['withHistory']>,
  ): Promise<Answer | undefined> {
    const { queries, admin, clock, store } = this.deps;
    switch (command.kind) {
      case 'status': {
        const found = await queries.visibleWithHistory(command.id, actor, prefetched);
        if (!found) return forEveryone(notFoundCard(normaliseId(command.id)));
        return forAsker(
          await this.deps.renderAppCard(
            statusCardName(found.app.kind),
            found.app,
            actor,
            {},
            { history: found.history },
          ),
          found.app,
        );
      }
      case 'myTasks':
        return forAsker(myTasksCard(await queries.myTasks(actor, clock.now()), clock.now()));
      case 'forPrisoner':
        return forAsker(
          applicationsListCard(command.prisonerId, await queries.forPrisoner(command.prisonerId, actor)),
        );
      case 'whois':
        return forAsker(whoisCard(await admin.findPeople(actor, command.query)));
      case 'role': {
        const person = await admin.changeRole(
          actor,
          command.op,
          command.who,
          command.role,
          command.site,
          turn.origin,
        );
        return forAsker(whoisCard([person]));
      }
      case 'registerChannel': {
        const conv = context.activity.conversation;
        if (conv?.conversationType !== 'channel') {
          return forEveryone(
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
        return forEveryone(
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
        const failed = await admin.failedMessages(actor, 20);
        const stuckAfterMs = this.deps.outboxStuckAfterMs ?? 300_000;
        const overdue = await store.outbox.overdue(new Date(clock.now().getTime() - stuckAfterMs));
        return forAsker(
          outboxFailedCard(failed, await store.outbox.countByStatus(), {
            ...overdue,
            stuckAfterMs,
          }),
        );
      }
      case 'digest':
        return forAsker(await digestCommand(this.deps.deadlines, actor, command.on, clock.now()));
      case 'devClock':
        return forAsker(await devClockCommand(this.deps.deadlines, actor, command.change));
      case 'delegation':
        return forAsker(await runDelegationCommand(this.deps, command.command, actor, turn.origin));
      case 'workflow': {
        const intent = command.intent;
        if (intent.kind === 'start') {
          // A start form is drawn for one person and its dialog belongs to one conversation.
          if (isSharedConversation(context.activity)) return forEveryone(START_IN_PERSONAL_CHAT);
          const first = await this.deps.beginStart(context, intent.workflow, actor);
          return first ? forAsker(first) : undefined;
        }
        const app = await queries.visible(intent.applicationId, actor);
        if (!app) return forEveryone(notFoundCard(normaliseId(intent.applicationId)));
        return forAsker(await this.deps.renderAppCard(intent.card, app, actor, intent.params ?? {}, {}), app);
      }
    }
  }
}
