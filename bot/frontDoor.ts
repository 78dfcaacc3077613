import type { IncomingMessage, ServerResponse } from 'node:http';
import type restify from 'restify';

export interface FrontDoorLimits {
  /** Largest body accepted, in bytes. */
  maxBodyBytes: number;
  /** How long a client may take to send the whole request body. */
  bodyTimeoutMs: number;
}

/**
 * Every request passes here before anything else, on every route, and the body is read here
 * rather than by restify's reader (which restify installs for every route, GETs included):
 *
 * - A `Content-Encoding` other than absent or `identity` is refused with 415 before a byte of the
 *   body is read. Teams never compresses activities, and restify's gunzip both crashes the process
 *   on a corrupt stream (restify issues #1975, #1785) and counts compressed bytes against the limit,
 *   so a small gzip body could inflate to gigabytes.
 * - A declared `Content-Length` over the limit is refused with 413 before reading; a chunked body
 *   is refused with 413 as soon as it passes the limit, keeping nothing beyond it.
 * - A body that has not fully arrived within `bodyTimeoutMs` is answered 408.
 *
 * A refusal closes the connection, so the rest of that body is never read. The body is handed on
 * as restify's reader would have left it (`req.body`, marked read), for restify's parsers.
 */
export function frontDoor(limits: FrontDoorLimits): restify.RequestHandler {
  return (req, res, next) => {
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined) {
      if (encoding.trim().toLowerCase() !== 'identity') {
        refuse(res, 415, 'UnsupportedMediaType', 'Unsupported content encoding.');
        return next(false);
      }
      delete req.headers['content-encoding'];
    }
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limits.maxBodyBytes) {
      refuse(res, 413, 'PayloadTooLarge', 'The request body is too large.');
      return next(false);
    }
    readBody(req, limits).then(
      (body) => {
        const reader = req as unknown as { body: unknown; _readBody: boolean };
        reader.body = body;
        reader._readBody = true;
        next();
      },
      (refusal: Refusal) => {
        if (!res.headersSent && !res.destroyed) refuse(res, refusal.status, refusal.code, refusal.message);
        next(false);
      },
    );
  };
}

interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** The whole body as text, or a refusal once it passes the limit, stalls, or the client goes away. */
function readBody(req: IncomingMessage, limits: FrontDoorLimits): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (refusal?: Refusal) => {
      clearTimeout(timer);
      req.removeListener('data', onData);
      if (refusal) {
        // Nothing more is read from this connection; it closes once the refusal is written.
        req.pause();
        reject(refusal);
      } else resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBodyBytes) finish(TOO_LARGE);
      else chunks.push(chunk);
    };
    const timer = setTimeout(() => finish(TOO_SLOW), limits.bodyTimeoutMs);
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('error', () => finish(GONE));
    req.once('aborted', () => finish(GONE));
  });
}

const TOO_LARGE: Refusal = {
  status: 413,
  code: 'PayloadTooLarge',
  message: 'The request body is too large.',
};
const TOO_SLOW: Refusal = {
  status: 408,
  code: 'RequestTimeout',
  message: 'The request body took too long to arrive.',
};
const GONE: Refusal = { status: 400, code: 'BadRequest', message: 'The request was not completed.' };

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ code, message });
  res.shouldKeepAlive = false;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  // Once the answer is written the connection is closed: a slow or oversized sender is cut off.
  res.end(body, () => res.socket?.destroy());
}
