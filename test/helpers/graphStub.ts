import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphCall {
  method: string;
  path: string;
  body: unknown;
  authorization?: string;
}

/**
 * A local stand-in for Microsoft Graph and the Entra token endpoint: issues client-credentials
 * tokens at /token, and answers /v1.0/users/{id}/teamwork/installedApps (POST installs, 201; GET
 * lists what is installed). `installAnswer` makes an install answer something else (403 without
 * consent, 409 when already installed, 500…). A call without the token it issued gets 401.
 */
export class GraphStub {
  readonly calls: GraphCall[] = [];
  readonly tokenRequests: URLSearchParams[] = [];
  readonly installed = new Set<string>();
  installAnswer: ((aadObjectId: string) => { status: number; code?: string } | undefined) | undefined;
  url = '';
  private server: http.Server | undefined;
  private issued = new Set<string>();

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => this.respond(req, res, raw));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  get graphEndpoint(): string {
    return `${this.url}/v1.0`;
  }

  get tokenEndpoint(): string {
    return `${this.url}/token`;
  }

  private respond(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', this.url);
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(raw);
      this.tokenRequests.push(form);
      if (form.get('grant_type') !== 'client_credentials')
        return send(400, { error: 'unsupported_grant_type' });
      const token = `graph-token-${this.tokenRequests.length}`;
      this.issued.add(token);
      return send(200, { token_type: 'Bearer', expires_in: 3599, access_token: token });
    }
    const auth = req.headers.authorization;
    this.calls.push({
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      body: raw ? (JSON.parse(raw) as unknown) : undefined,
      ...(auth ? { authorization: auth } : {}),
    });
    if (!auth || !this.issued.has(auth.replace(/^Bearer /, '')))
      return send(401, { error: { code: 'InvalidAuthenticationToken' } });
    const m = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(url.pathname);
    if (!m) return send(404, { error: { code: 'NotFound' } });
    const user = decodeURIComponent(m[1]!);
    if (req.method === 'POST') {
      const answer = this.installAnswer?.(user);
      if (answer) return send(answer.status, { error: { code: answer.code ?? 'Error', message: 'stub' } });
      if (this.installed.has(user))
        return send(409, { error: { code: 'Conflict', message: 'already installed' } });
      this.installed.add(user);
      return send(201, { id: `install-${user}` });
    }
    const value = this.installed.has(user)
      ? [{ id: `install-${user}`, teamsApp: { id: 'catalog-app' } }]
      : [];
    return send(200, { value });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}
