import {
  DeliveryError,
  describe as describeFailure,
  parseRetryAfter,
} from '../services/outbox/deliveryError';

export interface GraphOptions {
  /** Microsoft Graph's base, e.g. https://graph.microsoft.com/v1.0 (a local stub in tests). */
  graphEndpoint: string;
  /** The OAuth 2.0 token endpoint for the tenant (client credentials). */
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  /** The app's id in the organisation's app catalog (not the manifest id). */
  catalogAppId: string;
  timeoutMs: number;
}

interface Token {
  value: string;
  until: number;
}

/** Ask for a new token this long before the old one expires. */
const TOKEN_MARGIN_MS = 60_000;

/**
 * Installs Tautoko for a user with Microsoft Graph, so the bot may open a 1:1 chat with someone
 * who has never chatted with it. App-only (client credentials) with the application permission
 * `TeamsAppInstallation.ReadWriteSelfForUser.All`, which an admin grants once.
 * A small typed wrapper over fetch: two calls and a token, each with a deadline, and errors as
 * `DeliveryError`s classified like the connector's (403 no consent → failed with that reason).
 */
export class GraphInstaller {
  private token: Token | undefined;

  constructor(private readonly options: GraphOptions) {}

  /** Makes sure the app is installed for `aadObjectId`: 201 on a new install, or found already installed. */
  async ensureInstalled(aadObjectId: string): Promise<'installed' | 'already'> {
    const base = this.options.graphEndpoint.replace(/\/$/, '');
    const user = encodeURIComponent(aadObjectId);
    const res = await this.call('POST', `${base}/users/${user}/teamwork/installedApps`, {
      'teamsApp@odata.bind': `${base}/appCatalogs/teamsApps/${encodeURIComponent(this.options.catalogAppId)}`,
    });
    if (res.status === 201 || res.status === 200) return 'installed';
    // A conflict (already installed) or another error: look before deciding.
    const filter = encodeURIComponent(`teamsApp/id eq '${this.options.catalogAppId}'`);
    const check = await this.call(
      'GET',
      `${base}/users/${user}/teamwork/installedApps?$expand=teamsApp&$filter=${filter}`,
    );
    if (check.status === 200) {
      const found = (check.body as { value?: unknown[] } | undefined)?.value;
      if (Array.isArray(found) && found.length > 0) return 'already';
    }
    throw graphError(res.status === 409 ? check : res, 'graph');
  }

  private async call(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const token = await this.accessToken();
    return this.fetchJson(
      url,
      {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      },
      'graph',
    );
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const form = new URLSearchParams({
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      grant_type: 'client_credentials',
      scope: `${new URL(this.options.graphEndpoint).origin}/.default`,
    });
    const res = await this.fetchJson(
      this.options.tokenEndpoint,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
      'token',
    );
    const b = res.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (res.status !== 200 || typeof b?.access_token !== 'string') throw graphError(res, 'token');
    const seconds = typeof b.expires_in === 'number' ? b.expires_in : Number(b.expires_in ?? 3600);
    this.token = { value: b.access_token, until: Date.now() + seconds * 1000 - TOKEN_MARGIN_MS };
    return this.token.value;
  }

  private async fetchJson(
    url: string,
    init: RequestInit,
    service: 'graph' | 'token',
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
      text = await res.text();
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      const who = service === 'graph' ? 'Graph' : 'the token endpoint';
      throw new DeliveryError(
        timedOut
          ? `no answer from ${who} within ${this.options.timeoutMs} ms`
          : `network error reaching ${who}`,
        { service },
      );
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, body, headers: res.headers };
  }
}

function graphError(
  res: { status: number; body: unknown; headers: Headers },
  service: 'graph' | 'token',
): DeliveryError {
  const err = (res.body as { error?: unknown } | undefined)?.error;
  const code =
    typeof err === 'string'
      ? err
      : typeof (err as { code?: unknown })?.code === 'string'
        ? (err as { code: string }).code
        : undefined;
  const retryAfterSeconds = parseRetryAfter(res.headers.get('retry-after'), new Date());
  const details = {
    service,
    statusCode: res.status,
    ...(code ? { subCode: code } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
  const base = describeFailure(details, `HTTP ${res.status}`);
  const consent =
    service === 'graph' && (res.status === 401 || res.status === 403)
      ? ': Tautoko may not install itself for this person (needs TeamsAppInstallation.ReadWriteSelfForUser.All with admin consent)'
      : '';
  // 404 from Graph is no "conversation gone": the user or the catalog app does not exist.
  const disposition = res.status === 404 ? 'refused' : undefined;
  return new DeliveryError(`${base}${consent}`, { ...details, ...(disposition ? { disposition } : {}) });
}
