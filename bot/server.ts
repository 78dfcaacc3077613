import restify from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { frontDoor } from './frontDoor';

/**
 * The fields every Bot Framework activity carries and the adapter relies on. Anything without them
 * is answered 400 here, before the adapter (which would otherwise fail half-way and answer 500).
 */
const activityEnvelope = z.object({
  type: z.string().min(1).max(100),
  serviceUrl: z.string().url().max(2000),
  channelId: z.string().min(1).max(100),
  from: z.object({ id: z.string().min(1).max(500) }).passthrough(),
  conversation: z.object({ id: z.string().min(1).max(1000) }).passthrough(),
  recipient: z.object({ id: z.string().min(1).max(500) }).passthrough(),
  id: z.string().max(500).optional(),
  name: z.string().max(200).optional(),
  text: z.string().max(100_000).optional(),
  locale: z.string().max(50).optional(),
  timestamp: z.string().max(100).optional(),
  localTimestamp: z.string().max(100).optional(),
  replyToId: z.string().max(500).optional(),
});

export interface ServerDeps {
  logger: Logger;
  maxBodyBytes: number;
  /** How long a client may take to send a request (headers and body). */
  bodyTimeoutMs: number;
  /** Runs one Bot Framework request through the adapter. */
  processActivity(req: restify.Request, res: restify.Response): Promise<void>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
}

export interface HttpServer {
  server: restify.Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting requests and waits (up to `graceMs`) for the turns in flight. */
  drain(graceMs: number): Promise<boolean>;
}

/**
 * The HTTP surface: /api/messages through the adapter, /healthz (alive), /readyz (database
 * reachable). Error bodies are JSON with a code and a fixed message: never a stack or an
 * internal message.
 */
export function createHttpServer(deps: ServerDeps): HttpServer {
  const server = restify.createServer({ name: 'tautoko', handleUncaughtExceptions: false });
  let inFlight = 0;
  let draining = false;
  const idle: Array<() => void> = [];

  // Slow headers are Node's to time out; slow bodies and encodings are the front door's.
  server.server.headersTimeout = deps.bodyTimeoutMs;
  server.server.requestTimeout = deps.bodyTimeoutMs * 2;
  server.pre(frontDoor({ maxBodyBytes: deps.maxBodyBytes, bodyTimeoutMs: deps.bodyTimeoutMs }));
  server.use(
    restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, rejectUnknown: true }),
  );

  server.on('restifyError', safeRestifyError);

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.send(503, { code: 'ShuttingDown', message: 'The bot is restarting; please retry.' });
      return;
    }
    if (!activityEnvelope.safeParse(req.body).success) {
      res.send(400, { code: 'BadRequest', message: 'The request is not a Bot Framework activity.' });
      return;
    }
    inFlight++;
    try {
      await deps.processActivity(req, withSafeErrorBodies(res));
    } catch (e) {
      deps.logger.error({ err: e }, 'request failed');
      if (!res.headersSent) res.send(500, { code: 'InternalError', message: 'Something went wrong.' });
    } finally {
      inFlight--;
      if (inFlight === 0) idle.splice(0).forEach((f) => f());
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    if (draining) {
      res.send(503, { status: 'shutting-down' });
      return;
    }
    try {
      await deps.ping();
      res.send(200, { status: 'ready' });
    } catch {
      res.send(503, { status: 'database-unavailable' });
    }
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve) => {
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
      }),
    drain: (graceMs) => {
      draining = true;
      return drainWithin(server, graceMs, () => inFlight, idle);
    },
  };
}

/** Waits up to `graceMs` for the turns in flight, then closes the server (cutting any turn still held). */
async function drainWithin(
  server: restify.Server,
  graceMs: number,
  inFlight: () => number,
  idle: Array<() => void>,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const finished =
    inFlight() === 0 ? Promise.resolve(true) : new Promise<boolean>((r) => idle.push(() => r(true)));
  const timeout = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), Math.max(0, graceMs))));
  const ok = await Promise.race([finished, timeout]).finally(() => clearTimeout(timer));
  const closed = new Promise<void>((r) => server.close(() => r()));
  // close() waits for every open connection; one held by a hung turn would hold it for ever.
  if (!ok) server.server.closeAllConnections();
  await closed;
  return ok;
}

/** restify's own errors (too large, not found, unparsable body) answered with a fixed JSON body. */
function safeRestifyError(
  _req: restify.Request,
  _res: restify.Response,
  err: { statusCode?: number; toJSON?: () => unknown; body?: unknown },
  cb: () => void,
): void {
  const status = err.statusCode ?? 500;
  const safe = {
    code:
      status === 413
        ? 'PayloadTooLarge'
        : status === 404
          ? 'NotFound'
          : status < 500
            ? 'BadRequest'
            : 'InternalError',
    message: safeMessage(status),
  };
  err.toJSON = () => safe;
  err.body = safe;
  return cb();
}

function safeMessage(status: number): string {
  return (
    SAFE_MESSAGES[status] ?? (status < 500 ? 'The request could not be accepted.' : 'Something went wrong.')
  );
}

/**
 * The adapter answers a failed request with the error's own message as the body; callers get a
 * fixed JSON body for every error status instead (the details are in the log).
 */
function withSafeErrorBodies(res: restify.Response): restify.Response {
  let status = 200;
  return new Proxy(res, {
    get(target, prop, receiver) {
      if (prop === 'status') {
        return (code: number) => {
          status = code;
          return target.status(code);
        };
      }
      if (prop === 'send') {
        return (body: unknown) => {
          if (status < 400) return target.send(body);
          const code = status === 401 ? 'Unauthorized' : status < 500 ? 'BadRequest' : 'InternalError';
          return target.send({
            code,
            message: safeMessage(status),
          });
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const SAFE_MESSAGES: Record<number, string> = {
  400: 'The request could not be read.',
  401: 'Not authorised.',
  404: 'Not found.',
  405: 'Method not allowed.',
  413: 'The request body is too large.',
  415: 'Unsupported content type.',
};
