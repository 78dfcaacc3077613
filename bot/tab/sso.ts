import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';

/**
 * What a Teams tab's single-sign-on token must be (Entra ID "on-behalf-of" access token for our API):
 * - v1.0: issuer `https://sts.windows.net/<tenant>/`, audience the Application ID URI
 *   (`api://<domain>/botid-<bot app id>` for an app with a bot and a tab);
 * - v2.0: issuer `https://login.microsoftonline.com/<tenant>/v2.0`, audience the client id;
 * signed by one of Microsoft's published keys, unexpired, from our tenant, with the `access_as_user` scope.
 */
export interface SsoSettings {
  tenantId: string;
  clientId: string;
  appIdUri: string;
  /** Where the signing keys are published (Microsoft's JWKS in production, a local one in tests). */
  jwksUrl?: string;
  /** Keys held in this process instead (the local development host only). */
  keys?: JWTVerifyGetKey;
}

export const MICROSOFT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
export const SSO_SCOPE = 'access_as_user';
/** Clock skew allowed between Entra ID and this server, as botbuilder allows for bot tokens. */
const CLOCK_TOLERANCE_S = 300;

export interface SsoIdentity {
  aadObjectId: string;
  tenantId: string;
  name: string | undefined;
}

/** Why a token was refused; logged, never shown (the caller only ever sees 401). */
export class SsoError extends Error {
  constructor(readonly reason: string) {
    super(`SSO token refused: ${reason}`);
    this.name = 'SsoError';
  }
}

export class SsoValidator {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly settings: SsoSettings) {
    if (settings.keys) this.keys = settings.keys;
    else
      this.keys = createRemoteJWKSet(new URL(settings.jwksUrl ?? MICROSOFT_JWKS_URL), {
        cooldownDuration: 30_000,
      });
  }

  /** The signed-in person, or SsoError. Only RS256 is accepted: never `none`, never a symmetric key. */
  async verify(token: string): Promise<SsoIdentity> {
    const { tenantId, clientId, appIdUri } = this.settings;
    const v1 = { issuer: `https://sts.windows.net/${tenantId}/`, audience: appIdUri };
    const v2 = { issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`, audience: clientId };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        issuer: [v1.issuer, v2.issuer],
        audience: [v1.audience, v2.audience],
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'iat', 'oid', 'tid'],
      }));
    } catch (e) {
      // Microsoft's keys out of reach is our outage, not the caller's bad token: it is not a 401.
      if (!(e instanceof errors.JOSEError) || e instanceof errors.JWKSTimeout) throw e;
      throw new SsoError(e.code);
    }
    // The issuer and audience must belong to the same token version: a v1 issuer with the v2 audience is refused.
    const expected = payload.ver === '1.0' ? v1 : payload.ver === '2.0' ? v2 : undefined;
    if (!expected) throw new SsoError('unknown token version');
    if (payload.iss !== expected.issuer) throw new SsoError('issuer does not match the token version');
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!aud.includes(expected.audience)) throw new SsoError('audience does not match the token version');
    if (payload.tid !== tenantId) throw new SsoError('another tenant');
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(SSO_SCOPE)) throw new SsoError('no access_as_user scope');
    if (typeof payload.oid !== 'string' || payload.oid.length === 0) throw new SsoError('no object id');
    return {
      aadObjectId: payload.oid,
      tenantId: payload.tid,
      name: typeof payload.name === 'string' ? payload.name : undefined,
    };
  }
}
