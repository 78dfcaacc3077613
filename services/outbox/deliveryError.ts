/**
 * What Teams (or the network) said about one proactive send, in the terms the outbox acts on.
 * Classified as Microsoft documents for proactive messages:
 * - `retry`: 412, 429, 502, 504, any other 5xx, a network error or a timeout. Honour Retry-After.
 * - `blocked`: 403 MessageWritesBlocked — the person blocked or uninstalled the bot. Fail at once,
 *   never reinstall behind their back.
 * - `gone`: 404 — the conversation no longer exists. Drop the stale reference and re-establish.
 * - `refused`: any other 4xx. Fail at once with the reason.
 */
export type DeliveryDisposition = 'retry' | 'blocked' | 'gone' | 'refused';

export interface DeliveryErrorDetails {
  /** HTTP status; absent for network errors and timeouts. */
  statusCode?: number;
  /** Teams' error code from the response body, e.g. `MessageWritesBlocked`. */
  subCode?: string;
  /** From Retry-After (seconds or an HTTP date), in seconds from when the answer came. */
  retryAfterSeconds?: number;
  /** Which remote end answered: the Bot Framework connector, Microsoft Graph, or the token endpoint. */
  service?: 'connector' | 'graph' | 'token';
}

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly disposition: DeliveryDisposition;
  readonly statusCode: number | undefined;
  readonly subCode: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly service: DeliveryErrorDetails['service'];

  constructor(
    /** A short, admin-readable reason: what `outbox failed` shows. Never message content. */
    readonly reason: string,
    details: DeliveryErrorDetails & { disposition?: DeliveryDisposition },
  ) {
    super(reason);
    this.statusCode = details.statusCode;
    this.subCode = details.subCode;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.service = details.service;
    this.disposition = details.disposition ?? classify(details.statusCode, details.subCode);
  }
}

/** The documented classification; `statusCode` undefined means the request never got an answer. */
export function classify(statusCode: number | undefined, subCode?: string): DeliveryDisposition {
  if (statusCode === undefined) return 'retry';
  if (statusCode === 412 || statusCode === 429 || statusCode >= 500) return 'retry';
  if (statusCode === 404) return 'gone';
  if (statusCode === 403 && subCode === 'MessageWritesBlocked') return 'blocked';
  if (statusCode >= 400) return 'refused';
  return 'retry';
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or junk. */
export function parseRetryAfter(raw: string | null | undefined, now: Date): number | undefined {
  if (raw === null || raw === undefined) return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** The reason an admin reads in `outbox failed`. */
export function describe(details: DeliveryErrorDetails, fallback: string): string {
  const who =
    details.service === 'graph' ? 'Graph' : details.service === 'token' ? 'token endpoint' : 'Teams';
  if (details.statusCode === 403 && details.subCode === 'MessageWritesBlocked')
    return 'the person has blocked or uninstalled Tautoko (403 MessageWritesBlocked)';
  if (details.statusCode === undefined) return fallback;
  return `${who} answered HTTP ${details.statusCode}${details.subCode ? ` ${details.subCode}` : ''}`;
}
