import { CardFactory } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AdaptiveCard } from '../cards/types';
import type { Actor } from '../services/directory/person';
import type { Store } from '../services/store/types';
import type { ConnectorGateway } from './connector';

/**
 * A group chat or a channel is read by everyone in it; a view drawn for one person (with what
 * their roles let them see) must never be posted there. Such a view goes to the person's 1:1 chat
 * with the bot instead, and the shared conversation gets the channel view.
 */

/** Whoever reads a shared conversation: a room, not a person, so it holds no roles. */
export const CHANNEL_VIEWER: Actor = { aadObjectId: 'channel', name: 'channel', roles: [] };

export const SENT_TO_PERSONAL_CHAT = "I've sent the details to you in our 1:1 chat.";
export const NO_PERSONAL_CHAT =
  "I can't send you the details here, where everyone in this conversation would see them, and I couldn't reach you in a 1:1 chat. Open a chat with Tautoko and ask there.";

/**
 * Anything but a 1:1 chat counts as shared: a conversation whose type is missing is treated as
 * shared when it says it is a group, so an unfamiliar client errs on the side of the room.
 */
export function isSharedConversation(activity: Pick<Activity, 'conversation'>): boolean {
  const conversation = activity.conversation;
  if (!conversation) return false;
  if (conversation.conversationType === 'personal') return false;
  return (
    conversation.conversationType === 'groupChat' ||
    conversation.conversationType === 'channel' ||
    conversation.isGroup === true
  );
}

/** Sends cards to a person's 1:1 chat from inside a turn in another conversation. */
export class PersonalChat {
  constructor(
    private readonly store: Store,
    private readonly connector: ConnectorGateway,
    private readonly logger: Logger,
  ) {}

  /**
   * Posts the card in the person's 1:1 chat (the reference saved when they last wrote to the bot
   * there, or installed it). False when there is no such chat yet, or Teams refused the message:
   * the caller then says so in the shared conversation, without the details.
   */
  async send(context: TurnContext, aadObjectId: string, card: AdaptiveCard): Promise<boolean> {
    const reference = await this.store.conversations.getPersonal(aadObjectId);
    if (!reference) return false;
    try {
      // The connector gateway has a deadline and reports a refusal, which a proactive turn would not.
      await this.connector.send(reference, {
        type: 'message',
        attachments: [CardFactory.adaptiveCard(card)],
      });
      return true;
    } catch (e) {
      this.logger.warn({ err: e, activityId: context.activity.id }, 'could not post to the 1:1 chat');
      return false;
    }
  }
}
