import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer the Bot Framework puts on tokens it sends to bots (AuthenticationConstants.ToBotFromChannelTokenIssuer). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Channels the key is endorsed for (the JWKS `endorsements` member). */
  endorsements: string[];
}

export function newSigningKey(endorsements: string[] = ['msteams']): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: `test-${randomUUID()}`, privateKey, publicKey, endorsements };
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

/** An RS256 JWT signed by hand, as the Bot Framework token service would sign it. */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.kid }));
  const payload = b64url(JSON.stringify(claims));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${signer.sign(key.privateKey).toString('base64url')}`;
}

/**
 * A local stand-in for login.botframework.com: serves the OpenID configuration and a JWKS holding
 * the public halves of the keys it is given, so the real token validation runs offline.
 */
export class OpenIdServer {
  private server: http.Server | undefined;
  url = '';
  requests = 0;

  constructor(private readonly keys: SigningKey[]) {}

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.requests++;
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            issuer: BOT_FRAMEWORK_ISSUER,
            jwks_uri: `${this.url}/v1/.well-known/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
        return;
      }
      if (req.url === '/v1/.well-known/keys') {
        const keys = this.keys.map((k) => {
          const jwk = k.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
          return { kty: 'RSA', use: 'sig', kid: k.kid, n: jwk.n, e: jwk.e, endorsements: k.endorsements };
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys }));
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
