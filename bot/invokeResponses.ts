import { ActivityTypes } from 'botbuilder';
import type { Activity, AdaptiveCardInvokeResponse, InvokeResponse } from 'botbuilder';
import type { AdaptiveCard } from '../cards/types';

/** The shapes an invoke is answered with: a card that replaces the clicked one, a message, a refusal. */

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_CONTENT_TYPE = 'application/vnd.microsoft.activity.message';

/** The card replaces the one clicked. */
export function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
}

/** A short message shown beside the card, which stays on screen as it is, the user's answers with it. */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: MESSAGE_CONTENT_TYPE, value: text as unknown as Record<string, unknown> };
}

/** What a card says, its text blocks in order: for telling the same as a message. */
export function cardWords(card: AdaptiveCard): string {
  const words: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as Record<string, unknown>;
    if (el.type === 'TextBlock' && typeof el.text === 'string') words.push(el.text);
    for (const key of ['body', 'items', 'columns']) if (key in el) walk(el[key]);
  };
  walk(card.body);
  return words.join(' ');
}

/** The caller's mistake (an invoke Tautoko does not handle, a value it cannot read): 400 with a reason. */
export function badRequest(message: string): InvokeResponse {
  return {
    status: 400,
    body: {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message },
    },
  };
}

/** An invoke answered outside the handler's return value (the turn's error handler). */
export function invokeResponseActivity(body: AdaptiveCardInvokeResponse): Partial<Activity> {
  return { type: ActivityTypes.InvokeResponse, value: { status: 200, body } };
}
