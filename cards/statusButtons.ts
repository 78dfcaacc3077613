import type { WorkflowKind } from '../services/workflow/domain';
import { card, execute, text } from './kit';
import type { AdaptiveCard, CardAction } from './types';

/**
 * Buttons instead of instructions: a notification opens the application's status in place; a
 * channel post (read by everyone in the channel) sends the clicker their own status view in their
 * 1:1 chat with Tautoko, and the post itself stays as it is.
 */

/** The card name a click on "Send my view to my chat" carries (bot/statusToChat.ts). */
export const STATUS_TO_CHAT = 'generic.statusToChat';

export const OPEN_STATUS = 'Open status';
export const STATUS_TO_MY_CHAT = 'Send my status view to my chat';

type AppRef = { _id: string; kind: WorkflowKind };

/** For a card in someone's 1:1 chat: replaces it with the application's status, drawn for them. */
export function openStatusButton(app: AppRef): CardAction {
  return execute(
    OPEN_STATUS,
    { card: `${app.kind.toLowerCase()}.status`, applicationId: app._id },
    { validate: false },
  );
}

/** For a channel post: the clicker's own status view goes to their 1:1 chat; the post stays. */
export function statusToChatButton(app: AppRef): CardAction {
  return execute(
    STATUS_TO_MY_CHAT,
    { card: STATUS_TO_CHAT, applicationId: app._id },
    { validate: false, verb: 'statusToChat' },
  );
}

/**
 * A notification that has no card of its own (a message about an application to one person):
 * its words, and "Open status" to see where the application stands, instead of "ask the bot".
 */
export function notificationCard(words: string, app: AppRef): AdaptiveCard {
  return card([text(words)], [openStatusButton(app)]);
}
