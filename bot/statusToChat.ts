import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { statusCardName } from '../cards/registry';
import type { Clock } from '../services/clock';
import type { Actor } from '../services/directory/person';
import type { ApplicationQueries } from '../services/queries';
import { normaliseId } from '../services/queries';
import type { Store } from '../services/store/types';
import type { ApplicationDoc } from '../services/workflow/domain';
import { isSharedConversation } from './conversation';
import type { PersonalChat } from './conversation';
import { messageResponse as message } from './invokeResponses';

export const SENT_TO_CHAT = (id: string) =>
  `Sent to your chat with Tautoko: ${id} as you may see it. This post stays as it is for everyone here.`;
export const NO_CHAT =
  'I could not open a chat with you, so nothing was sent. Open Tautoko in Teams (Apps, then Tautoko) and click again.';
export const NOT_VISIBLE = (id: string) =>
  `There is no application ${id} that you can see, so nothing was sent to your chat.`;

interface StatusToChatDeps {
  store: Store;
  queries: ApplicationQueries;
  clock: Clock;
  logger: Logger;
  /** The clicker's 1:1 chat, opened now when they have never chatted with Tautoko (./conversation). */
  personalChat: Pick<PersonalChat, 'reach'>;
  /** The application's status card drawn for the clicker, for a click in their own 1:1 chat. */
  statusCard(app: ApplicationDoc, actor: Actor): Promise<AdaptiveCardInvokeResponse>;
}

/**
 * "Send my status view to my chat" on a channel post (cards/statusButtons.ts). A card returned to
 * an invoke in a channel would replace the post for everyone, so the post stays the channel view:
 * the click is answered with a short message, and the clicker's own status view goes to their 1:1
 * chat through the outbox, drawn for them when it is delivered (and kept current like any card
 * they hold). The same rule as `status`: someone who may not see the application is told so, and
 * nothing is sent.
 */
export class StatusToChat {
  constructor(private readonly deps: StatusToChatDeps) {}

  async handle(
    context: TurnContext,
    actor: Actor,
    applicationId: string,
  ): Promise<AdaptiveCardInvokeResponse> {
    const app = await this.deps.queries.visible(applicationId, actor);
    if (!app) return message(NOT_VISIBLE(normaliseId(applicationId)));
    if (!isSharedConversation(context.activity)) {
      // Clicked in the 1:1 chat itself: the status replaces the card there, as "Open status" does.
      return this.deps.statusCard(app, actor);
    }
    // Never "sent" to a chat that is not there: opened first when the clicker has none.
    if (!(await this.deps.personalChat.reach(context))) return message(NO_CHAT);
    const now = this.deps.clock.now();
    // One message per click: Teams' retry of the same click carries the same activity id.
    const click = context.activity.id ?? now.getTime().toString(36);
    await this.deps.store.outbox.enqueue([
      {
        _id: `status-to-chat:${app._id}:${actor.aadObjectId}:${click}`,
        target: { kind: 'person', aadObjectId: actor.aadObjectId },
        text: `${app._id}: ${app.title}`,
        cardRef: { name: statusCardName(app.kind), applicationId: app._id },
        applicationId: app._id,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
        requestedBy: actor.aadObjectId,
      },
    ]);
    this.deps.logger.info(
      { applicationId: app._id, activityId: context.activity.id },
      'status sent to 1:1 chat',
    );
    return message(SENT_TO_CHAT(app._id));
  }
}
