import { CardFactory } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AdaptiveCard } from '../cards/types';
import type { Actor } from '../services/directory/person';
import type { Store, StoredReference } from '../services/store/types';
import { openPersonalChat } from './reach';
import { isTeamsUserId } from './teamsUserIds';
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
 * Anything but a 1:1 chat counts as shared: Teams' `groupChat` and `channel`, and any other type a
 * client names (the Agents Playground says `group`), or a conversation marked `isGroup`. Only a
 * conversation that names no type and is not marked a group (an emulator) is taken as 1:1.
 */
export function isSharedConversation(activity: Pick<Activity, 'conversation'>): boolean {
  const conversation = activity.conversation;
  if (!conversation) return false;
  if (conversation.isGroup === true) return true;
  const type = conversation.conversationType;
  return typeof type === 'string' && type !== '' && type !== 'personal';
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
    const reference =
      aadObjectId === context.activity.from?.aadObjectId
        ? await this.reach(context)
        : await this.store.conversations.getPersonal(aadObjectId);
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

  /**
   * The 1:1 chat of whoever is writing or clicking in this turn: the stored one, or, for someone who
   * has never chatted with Tautoko, one opened now. A bot in a team or group chat may open a 1:1
   * chat with any member of it through the connector (createConversation with their Teams user id
   * and the tenant), without Graph or an installation; the reference is stored as an installation's
   * would be. Null when the activity does not say who it is, or Teams refused.
   */
  async reach(context: TurnContext): Promise<StoredReference | null> {
    const a = context.activity;
    const aadObjectId = a.from?.aadObjectId;
    if (!aadObjectId) return null;
    const stored = await this.store.conversations.getPersonal(aadObjectId);
    if (stored || !isSharedConversation(a) || !isTeamsUserId(a.from.id) || !a.serviceUrl) return stored;
    const tenantId = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } })?.tenant?.id;
    try {
      const reference = await openPersonalChat(this.connector, this.store, {
        serviceUrl: a.serviceUrl,
        bot: { id: a.recipient.id, name: a.recipient.name },
        tenantId,
        aadObjectId,
        user: { id: a.from.id, name: a.from.name ?? '' },
      });
      this.logger.info({ activityId: a.id }, 'opened a 1:1 chat from a shared conversation');
      return reference;
    } catch (e) {
      this.logger.warn({ err: e, activityId: a.id }, 'could not open a 1:1 chat');
      return null;
    }
  }
}
