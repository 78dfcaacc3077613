import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey } from 'jose';
import type restify from 'restify';
import type { Store } from '../../services/store/types';
import { SSO_SCOPE } from './sso';
import type { SsoSettings } from './sso';

/**
 * Sign-in for the local development host page (`npm start`, TAUTOKO_LOCAL_DEV only): a key made at
 * start-up and never written anywhere signs Entra-shaped v2 tokens for a person picked from the
 * directory, and the tab's real validator checks them. Production never registers any of this:
 * `start:prod` refuses TAUTOKO_LOCAL_DEV, and a process with a bot app id has no development host.
 */
export const DEV_TENANT = '00000000-0000-0000-0000-00000000dev0';
const DEV_CLIENT = 'tautoko-local-dev';

export interface DevSignIn {
  settings: SsoSettings;
  register(server: restify.Server, store: Store): void;
}

export async function createDevSignIn(): Promise<DevSignIn> {
  const kid = `dev-${randomUUID()}`;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const settings: SsoSettings = {
    tenantId: DEV_TENANT,
    clientId: DEV_CLIENT,
    appIdUri: `api://localhost/botid-${DEV_CLIENT}`,
    keys: createLocalJWKSet({ keys: [jwk] }),
  };
  return {
    settings,
    register(server, store) {
      server.get('/api/tab/dev/people', async (_req: restify.Request, res: restify.Response) => {
        const people = await store.people.all();
        res.header('Cache-Control', 'no-store');
        res.send(200, { people: people.map((p) => ({ aadObjectId: p.aadObjectId, name: p.name })) });
      });
      server.get('/api/tab/dev/token', async (req: restify.Request, res: restify.Response) => {
        const user = (new URL(req.url ?? '/', 'http://localhost').searchParams.get('user') ?? '').slice(
          0,
          100,
        );
        const person = user ? await store.people.get(user) : null;
        res.header('Cache-Control', 'no-store');
        res.send(200, { token: await devToken(privateKey, kid, user, person?.name ?? 'Unknown person') });
      });
    },
  };
}

async function devToken(key: CryptoKey, kid: string, oid: string, name: string): Promise<string> {
  return new SignJWT({ ver: '2.0', tid: DEV_TENANT, oid, name, scp: SSO_SCOPE, azp: 'local-dev-host' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(`https://login.microsoftonline.com/${DEV_TENANT}/v2.0`)
    .setAudience(DEV_CLIENT)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);
}
