import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
  /** The id the stub answered with. */
  answeredId?: string;
}

/** Every request the stub saw, accepted or not, in order. */
export interface Attempt {
  method: string;
  path: string;
  conversationId: string;
  /** The status answered; undefined when the stub hung up or never answered. */
  status?: number;
  at: number;
}

/**
 * How to answer one request: a status (with Teams' error code and Retry-After), `hang` (never
 * answer, to exercise timeouts), `drop` (close the socket), or undefined for the normal success.
 */
export type Answer = { status: number; code?: string; retryAfter?: string } | 'hang' | 'drop' | undefined;

export interface StubRequest {
  method: string;
  path: string;
  conversationId: string;
  body: Record<string, unknown>;
}

/**
 * A local stand-in for the Bot Framework connector: records every activity the bot sends or
 * updates and answers as the real service does (201 with an id for a new message, 200 for an
 * update, 201 with a conversation id for createConversation). It can be told to answer 429 with
 * Retry-After, 5xx, 403 with a Teams code, 404, to hang, or to refuse connections altogether.
 */
export class ConnectorStub {
  /** Requests the stub accepted (what Teams would have shown). */
  readonly calls: RecordedCall[] = [];
  readonly attempts: Attempt[] = [];
  /** createConversation requests accepted: the parameters the bot sent. */
  readonly created: Array<Record<string, unknown>> = [];
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private failures: Answer[] = [];
  private counter = 0;
  private port = 0;
  /** Decides each answer before the queued `failNext` ones; return undefined to fall through. */
  script: ((req: StubRequest) => Answer) | undefined;
  /** Delay before answering, to hold a bot turn in flight. */
  delayMs = 0;
  url = '';

  async start(): Promise<string> {
    await this.listen();
    this.url = `http://127.0.0.1:${this.port}`;
    return this.url;
  }

  private async listen(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => setTimeout(() => this.respond(req, res, raw), this.delayMs));
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', () => r()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private respond(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const path = req.url ?? '';
    const method = req.method ?? 'POST';
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(path);
    const conversationId = m ? decodeURIComponent(m[1]!) : '';
    const body = parseBody(raw);
    const attempt: Attempt = { method, path, conversationId, at: Date.now() };
    this.attempts.push(attempt);
    const answer = this.script?.({ method, path, conversationId, body }) ?? this.failures.shift();
    if (answer === 'hang') return;
    if (answer === 'drop') {
      req.socket.destroy();
      return;
    }
    if (answer) {
      attempt.status = answer.status;
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        ...(answer.retryAfter !== undefined ? { 'retry-after': answer.retryAfter } : {}),
      });
      res.end(JSON.stringify({ error: { code: answer.code ?? 'StubFailure', message: 'stub failure' } }));
      return;
    }
    if (!m && method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) {
      this.created.push(body);
      const id = `a:created-${this.created.length}`;
      attempt.status = 201;
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
      return;
    }
    const update = method === 'PUT' && m?.[2];
    const id = update ? decodeURIComponent(m[2]!) : `stub-activity-${++this.counter}`;
    if (m)
      this.calls.push({
        method,
        path,
        conversationId,
        ...(m[2] ? { activityId: decodeURIComponent(m[2]) } : {}),
        body,
        answeredId: id,
      });
    attempt.status = update ? 200 : 201;
    res.writeHead(attempt.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id }));
  }

  failNext(status: number, times = 1, retryAfter?: number | string, code?: string): void {
    for (let i = 0; i < times; i++)
      this.failures.push({
        status,
        ...(retryAfter !== undefined ? { retryAfter: String(retryAfter) } : {}),
        ...(code ? { code } : {}),
      });
  }

  /** Stops listening (connections are refused) until `accept()`. */
  async refuse(): Promise<void> {
    await this.close();
  }

  /** Listens again on the same port. */
  async accept(): Promise<void> {
    await this.listen();
  }

  /** Activities sent to one conversation, newest last. */
  sentTo(conversationId: string): RecordedCall[] {
    return this.calls.filter((c) => c.conversationId === conversationId);
  }

  clear(): void {
    this.calls.length = 0;
    this.attempts.length = 0;
  }

  async stop(): Promise<void> {
    await this.close();
  }

  private async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

function parseBody(raw: string): Record<string, unknown> {
  try {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The first Adaptive Card in a recorded activity, or undefined. */
export function cardOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const atts = body.attachments as
    Array<{ contentType?: string; content?: Record<string, unknown> }> | undefined;
  return atts?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** All the text of a card, for simple "does it say X" assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}
