import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { Logger } from 'pino';
import { errorCard, infoCard } from '../cards/generic/messages';
import type { AdaptiveCard, CardContext } from '../cards/types';
import { DomainError, isDomainError, UnavailableError, ValidationError } from '../services/errors';
import type { ErrorCode, FieldError } from '../services/errors';
import { cardResponse, messageResponse } from './invokeResponses';

/**
 * What a refused or failed action tells the person who tried it. Every domain error (a
 * `ValidationError`, a `DomainError` with its code: not found, forbidden, wrong stage, already done,
 * conflict, closed…, an `UnavailableError`) becomes one of these here, and only here; any other
 * error is not the user's doing and is thrown on to the turn's error handler.
 */
export interface Refusal {
  code: ErrorCode;
  /** The error's user message: written to be shown, never an internal message. */
  notice: NonNullable<CardContext['notice']>;
  /** Problems to show beside the fields they are about (a `ValidationError`). */
  fieldErrors?: FieldError[];
  /**
   * Nothing was saved because the database could not be reached: the card stays on screen as it
   * is, everything typed with it, and a message says to try again (a redraw would need the database).
   */
  keepCard: boolean;
}

/** The one mapping from a domain error to what the user is told; throws anything else on. */
export function refusalOf(e: unknown): Refusal {
  if (!(e instanceof DomainError)) throw e;
  return {
    code: e.code,
    notice: { text: e.userMessage, tone: 'attention' },
    ...(e instanceof ValidationError ? { fieldErrors: e.fieldErrors } : {}),
    keepCard: e instanceof UnavailableError,
  };
}

/**
 * The answer to a card click that failed: the card redrawn (`redraw` draws it, the refusal's notice
 * at the top, its field errors beside the fields, the caller keeping the typed input), or a message
 * that leaves the card on screen when nothing could be redrawn.
 */
export async function refusalResponse(
  e: unknown,
  log: Logger,
  redraw: (refusal: Refusal) => Promise<AdaptiveCard> = async (refusal) => refusalNotice(refusal),
): Promise<AdaptiveCardInvokeResponse> {
  const refusal = refusalOf(e);
  logRefusal(log, refusal);
  if (refusal.keepCard) return messageResponse(refusal.notice.text);
  return cardResponse(await redraw(refusal));
}

/** The answer to a typed command that failed: a card posted in the chat. */
export function refusalCard(e: unknown, log: Logger): AdaptiveCard {
  const refusal = refusalOf(e);
  logRefusal(log, refusal);
  return refusalNotice(refusal);
}

function logRefusal(log: Logger, { code, fieldErrors, keepCard }: Refusal): void {
  if (keepCard) log.warn({ code }, 'not saved: database unavailable');
  else log.info({ code, ...(fieldErrors ? { fields: fieldErrors.map((f) => f.field) } : {}) }, 'refused');
}

/** A refusal on a card of its own, where there is no card to redraw with it. */
export function refusalNotice(refusal: Refusal, more: string[] = []): AdaptiveCard {
  return infoCard(refusal.keepCard ? 'Not saved' : 'Not done', [refusal.notice.text, ...more], 'attention');
}

/**
 * What a turn that failed with an error nobody caught shows: a refusal as any other (for the
 * database being down, a plain "not saved, try again"); for anything else, that something went
 * wrong. Either way with the reference the log has, and never an internal message.
 */
export function turnErrorCard(error: unknown, reference: string): { card: AdaptiveCard; log: string } {
  if (!isDomainError(error)) return { card: errorCard(reference), log: 'unhandled error in turn' };
  const refusal = refusalOf(error);
  return {
    card: refusalNotice(refusal, [`Reference: ${reference}`]),
    log: refusal.keepCard ? 'database unavailable during turn' : 'refused during turn',
  };
}
