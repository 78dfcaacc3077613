import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
}

/**
 * A local stand-in for the Bot Framework connector: records every activity the bot sends or
 * updates and answers as the real service does, with an id. `failNext` makes the next calls fail
 * with a status (and optional Retry-After) to exercise the outbox's retries.
 */
export class ConnectorStub {
  readonly calls: RecordedCall[] = [];
  private server: http.Server | undefined;
  private failures: Array<{ status: number; retryAfter?: number }> = [];
  private counter = 0;
  /** Delay before answering, to hold a bot turn in flight. */
  delayMs = 0;
  url = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => setTimeout(() => respond(), this.delayMs));
      const respond = () => {
        const path = req.url ?? '';
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(path);
        const fail = this.failures.shift();
        if (fail) {
          res.writeHead(fail.status, {
            'content-type': 'application/json',
            ...(fail.retryAfter !== undefined ? { 'retry-after': String(fail.retryAfter) } : {}),
          });
          res.end(JSON.stringify({ error: { code: 'Throttled', message: 'stub failure' } }));
          return;
        }
        const body = parseBody(raw);
        if (m) {
          this.calls.push({
            method: req.method ?? 'POST',
            path,
            conversationId: decodeURIComponent(m[1]!),
            ...(m[2] ? { activityId: decodeURIComponent(m[2]) } : {}),
            body,
          });
        }
        const id =
          req.method === 'PUT' && m?.[2] ? decodeURIComponent(m[2]) : `stub-activity-${++this.counter}`;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id }));
      };
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  failNext(status: number, times = 1, retryAfter?: number): void {
    for (let i = 0; i < times; i++)
      this.failures.push({ status, ...(retryAfter !== undefined ? { retryAfter } : {}) });
  }

  /** Activities sent to one conversation, newest last. */
  sentTo(conversationId: string): RecordedCall[] {
    return this.calls.filter((c) => c.conversationId === conversationId);
  }

  clear(): void {
    this.calls.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
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
