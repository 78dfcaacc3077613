import assert from 'node:assert/strict';
import { createHmac, createSign } from 'node:crypto';
import { BotHarness } from '../helpers/botHarness';
import { newSigningKey } from '../security/tokenIssuer';
import { APP_ID_URI, CLIENT_ID, people, TabEnv, TAB_TENANT } from './helpers';

/**
 * The tab API's sign-in against the real validator (jose) and a local JWKS: every refused token is
 * a 401 with nothing but a fixed message, a valid token of someone outside the directory is a 403.
 */
describe('My work tab: single sign-on', () => {
  const env = new TabEnv();
  let appId = '';
  before(async () => {
    await env.start();
    appId = (await env.seed([{ id: '80010001', name: 'Tama Rāwiri' }]))[0]!;
  });
  after(() => env.stop());

  const endpoints = () => [
    '/api/tab/me',
    '/api/tab/tasks',
    '/api/tab/applications',
    `/api/tab/applications/${appId}`,
    '/api/tab/export.csv',
  ];
  const oid = people.gm.aadObjectId;
  const now = () => Math.floor(Date.now() / 1000);

  async function refused(token: string | undefined, why: string): Promise<void> {
    for (const path of endpoints()) {
      const res = await env.get(path, token);
      assert.equal(res.status, 401, `${why}: ${path} answered ${res.status}`);
      assert.deepEqual(
        JSON.parse(res.body),
        { code: 'Unauthorized', message: 'Not authorised.' },
        `${why}: ${path}`,
      );
      assert.ok(!res.body.includes(appId) && !res.body.includes('Rāwiri'), `${why}: nothing returned`);
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
  }

  it('refuses a request with no token, another scheme or junk', async () => {
    await refused(undefined, 'no header');
    for (const path of endpoints()) {
      assert.equal(
        (
          await fetch(`${env.url}${path}`, {
            headers: { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
          })
        ).status,
        401,
      );
    }
    await refused('not-a-jwt', 'junk');
  });

  const cases: Array<[string, () => string]> = [
    [
      'expired beyond the five-minute allowance',
      () => env.token(oid, { exp: now() - 600, iat: now() - 4000, nbf: now() - 4000 }),
    ],
    ['not valid yet', () => env.token(oid, { nbf: now() + 900, iat: now() + 900 })],
    ['for another audience (v2)', () => env.token(oid, { aud: '00000000-1111-2222-3333-444444444444' })],
    [
      'for another audience (v1)',
      () => env.token(oid, { aud: 'api://elsewhere.example.com/botid-x' }, '1.0'),
    ],
    ['a v1 issuer with the v2 audience', () => env.token(oid, { aud: CLIENT_ID }, '1.0')],
    ['a v2 issuer with the v1 audience', () => env.token(oid, { aud: APP_ID_URI }, '2.0')],
    [
      'from another tenant',
      () =>
        env.token(oid, {
          tid: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
          iss: 'https://login.microsoftonline.com/ffffffff-ffff-ffff-ffff-ffffffffffff/v2.0',
        }),
    ],
    [
      'our issuer but another tenant id claim',
      () => env.token(oid, { tid: 'ffffffff-ffff-ffff-ffff-ffffffffffff' }),
    ],
    ['without the access_as_user scope', () => env.token(oid, { scp: 'User.Read' })],
    ['with no scope at all', () => env.token(oid, { scp: undefined })],
    ['with no object id', () => env.token(oid, { oid: undefined })],
    ['with an unknown version', () => env.token(oid, { ver: '3.0' })],
    ['signed by a key the JWKS does not hold', () => env.token(oid, {}, '2.0', newSigningKey([]))],
    [
      'with a forged signature',
      () => {
        const [h, p] = env.token(oid).split('.');
        const other = env.token(people.caseManager.aadObjectId).split('.')[2];
        return `${h}.${p}.${other}`;
      },
    ],
    [
      'with its claims changed after signing',
      () => {
        const [h, , s] = env.token(people.stranger.aadObjectId).split('.');
        return `${h}.${Buffer.from(JSON.stringify(env.claims(oid))).toString('base64url')}.${s}`;
      },
    ],
    [
      'unsigned (alg none)',
      () => {
        const h = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        return `${h}.${Buffer.from(JSON.stringify(env.claims(oid))).toString('base64url')}.`;
      },
    ],
    [
      'signed HS256 with the public key as the secret',
      () => {
        const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: env.key.kid })).toString(
          'base64url',
        );
        const p = Buffer.from(JSON.stringify(env.claims(oid))).toString('base64url');
        const secret = env.key.publicKey.export({ format: 'pem', type: 'spki' });
        const sig = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
        return `${h}.${p}.${sig}`;
      },
    ],
    [
      'signed RS512 by the right key (only RS256 is accepted)',
      () => {
        const h = Buffer.from(JSON.stringify({ alg: 'RS512', typ: 'JWT', kid: env.key.kid })).toString(
          'base64url',
        );
        const p = Buffer.from(JSON.stringify(env.claims(oid))).toString('base64url');
        const sig = createSign('RSA-SHA512')
          .update(`${h}.${p}`)
          .sign(env.key.privateKey)
          .toString('base64url');
        return `${h}.${p}.${sig}`;
      },
    ],
  ];
  for (const [why, make] of cases) {
    it(`refuses a token ${why} with 401 and nothing returned`, async () => {
      await refused(make(), why);
    });
  }

  it('accepts a valid v2.0 token and a valid v1.0 token', async () => {
    for (const version of ['2.0', '1.0'] as const) {
      const res = await env.get('/api/tab/me', env.token(oid, {}, version));
      assert.equal(res.status, 200, `v${version}: ${res.body}`);
      assert.equal((JSON.parse(res.body) as { name: string }).name, people.gm.name);
    }
  });

  it('answers 403 to a valid token of someone who is not in the directory, and returns nothing', async () => {
    const token = env.token(people.stranger.aadObjectId);
    for (const path of endpoints()) {
      const res = await env.get(path, token);
      assert.equal(res.status, 403, path);
      assert.ok(!res.body.includes(appId), path);
    }
  });

  it('names the signed-in person from the directory, not from the token', async () => {
    const me = await env.json<{ name: string; canExport: boolean }>('/api/tab/me', people.caseManager);
    assert.equal(me.name, people.caseManager.name);
    assert.equal(me.canExport, false);
    assert.equal((await env.json<{ canExport: boolean }>('/api/tab/me', people.gm)).canExport, true);
  });

  it('sends the pages with a CSP that lets only Teams frame them, and no development host', async () => {
    const res = await fetch(`${env.url}/tab/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
    assert.deepEqual(ancestors, [
      'https://teams.microsoft.com',
      'https://*.teams.microsoft.com',
      'https://teams.cloud.microsoft',
      'https://*.teams.cloud.microsoft',
      'https://*.skype.com',
    ]);
    assert.match(csp, /script-src 'self'/);
    assert.equal((await fetch(`${env.url}/tab/dev-host`)).status, 404);
    assert.equal((await fetch(`${env.url}/api/tab/dev/token?user=${oid}`)).status, 404);
  });

  it('never writes a token to the log', async () => {
    const token = env.token(oid);
    await env.get('/api/tab/me', token);
    await env.get('/api/tab/me', env.token(oid, { aud: 'someone-else' }));
    const log = env.harness.logs.text();
    assert.ok(log.includes('tab token refused'), 'refusals are logged, with their reason');
    assert.ok(!log.includes(token.split('.')[2]!), 'no signature in the log');
    assert.ok(!/eyJ[A-Za-z0-9_-]{10,}\./.test(log), 'no JWT in the log');
  });

  it('the tenant is the configured one', () => {
    assert.equal(env.harness.config.tab.sso?.tenantId, TAB_TENANT);
  });
});

describe('My work tab: not configured', () => {
  it('answers 503 to everyone when single sign-on has no tenant, and serves no data', async () => {
    // A multi-tenant bot with no tenant named: the tab cannot tell whose tokens to trust, so it stays shut.
    const h = await new BotHarness({
      env: {
        MicrosoftAppId: CLIENT_ID,
        MicrosoftAppPassword: 'x',
        MicrosoftAppType: 'MultiTenant',
        BOT_DOMAIN: 'tautoko.example.govt.nz',
      },
    }).start();
    try {
      assert.equal(h.config.tab.sso, undefined);
      const res = await fetch(`${h.url}/api/tab/me`, { headers: { Authorization: 'Bearer a.b.c' } });
      assert.equal(res.status, 503);
      assert.equal(((await res.json()) as { code: string }).code, 'NotConfigured');
      assert.equal(
        (await fetch(`${h.url}/tab/dev-host`)).status,
        404,
        'no development host with bot authentication on',
      );
    } finally {
      await h.stop();
    }
  });
});
