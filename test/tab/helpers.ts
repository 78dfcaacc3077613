import { randomUUID } from 'node:crypto';
import { people, SITE, startInput } from '../fixtures/f17';
import type { Actor } from '../../services/directory/person';
import type { Person } from '../../services/directory/person';
import type { Store } from '../../services/store/types';
import { BotHarness } from '../helpers/botHarness';
import { newSigningKey, OpenIdServer, signJwt } from '../security/tokenIssuer';
import type { SigningKey } from '../security/tokenIssuer';

/** The tenant and the app registration the tab's tokens are issued for in these tests. */
export const TAB_TENANT = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = '99999999-8888-7777-6666-555555555555';
export const APP_ID_URI = `api://tautoko.example.govt.nz/botid-${CLIENT_ID}`;
export const TEAMS_APP_ID = '12345678-1234-1234-1234-123456789abc';

export const asPerson = (a: Actor): Person => ({
  aadObjectId: a.aadObjectId,
  name: a.name,
  email: `${a.aadObjectId}@example.govt.nz`,
  roles: a.roles,
});

/** Everyone in the F.17 fixtures except the stranger, who stays outside the directory. */
export const directory: Person[] = Object.values(people)
  .filter((p) => p.aadObjectId !== people.stranger.aadObjectId)
  .map(asPerson);

export type TokenVersion = '1.0' | '2.0';

/**
 * A bot with the tab switched on and its SSO trusting a local JWKS (a key made by the test), the
 * way production trusts Microsoft's. Tokens are Entra-shaped: `token(oid)` is valid; overrides break it.
 */
export class TabEnv {
  readonly key: SigningKey = newSigningKey([]);
  readonly openId = new OpenIdServer([this.key]);
  harness!: BotHarness;

  constructor(private readonly opts: { store?: Store; tabDir?: string } = {}) {}

  async start(): Promise<this> {
    await this.openId.start();
    this.harness = await new BotHarness({
      people: directory,
      ...(this.opts.store ? { store: this.opts.store } : {}),
      env: {
        MicrosoftAppTenantId: TAB_TENANT,
        TAB_SSO_CLIENT_ID: CLIENT_ID,
        TAB_SSO_APP_ID_URI: APP_ID_URI,
        TAB_SSO_JWKS_URL: `${this.openId.url}/v1/.well-known/keys`,
        TEAMS_APP_ID,
      },
    }).start();
    return this;
  }

  async stop(): Promise<void> {
    await this.harness?.stop();
    await this.openId.stop();
  }

  get url(): string {
    return this.harness.url;
  }

  claims(oid: string, version: TokenVersion = '2.0'): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return {
      ver: version,
      iss:
        version === '1.0'
          ? `https://sts.windows.net/${TAB_TENANT}/`
          : `https://login.microsoftonline.com/${TAB_TENANT}/v2.0`,
      aud: version === '1.0' ? APP_ID_URI : CLIENT_ID,
      tid: TAB_TENANT,
      oid,
      name: 'Test person',
      scp: 'access_as_user',
      iat: now - 60,
      nbf: now - 60,
      exp: now + 3600,
      uti: randomUUID(),
    };
  }

  token(
    oid: string,
    overrides: Record<string, unknown> = {},
    version: TokenVersion = '2.0',
    key = this.key,
  ): string {
    const claims: Record<string, unknown> = { ...this.claims(oid, version), ...overrides };
    for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete claims[k];
    return signJwt(key, claims);
  }

  async get(path: string, token?: string): Promise<{ status: number; body: string; headers: Headers }> {
    const res = await fetch(
      `${this.url}${path}`,
      token ? { headers: { Authorization: `Bearer ${token}` } } : {},
    );
    return { status: res.status, body: await res.text(), headers: res.headers };
  }

  async json<T>(path: string, who: Actor): Promise<T> {
    const res = await this.get(path, this.token(who.aadObjectId));
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.body}`);
    return JSON.parse(res.body) as T;
  }

  /** F.17 assessments at the fixtures' site, started by the case manager, one per prisoner. */
  async seed(prisoners: Array<{ id: string; name: string; consent?: boolean }>): Promise<string[]> {
    const ids: string[] = [];
    let n = 0;
    for (const p of prisoners) {
      const origin = { activityId: `seed-${++n}`, correlationId: `seed-${n}` };
      const app = await this.harness.app.engine.start(
        'F17',
        startInput({ prisonerId: p.id, prisonerName: p.name, programmeName: `Programme ${n}` }),
        people.caseManager,
        origin,
      );
      if (p.consent) {
        await this.harness.app.engine.execute(
          app._id,
          {
            type: 'f17.recordConsent',
            consentObtainedBy: people.caseManager.name,
            consentDate: '2026-11-20',
            consentFormReference: `IOMS ${n}`,
          },
          people.caseManager,
          { activityId: `consent-${n}`, correlationId: `consent-${n}` },
        );
      }
      ids.push(app._id);
    }
    return ids;
  }
}

export { people, SITE };
