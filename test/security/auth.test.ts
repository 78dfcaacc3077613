/* eslint-disable no-console -- botbuilder writes each refused token to console.error; this suite mutes it, it does not log */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { createApp } from '../../bot/app';
import type { App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { FixedClock } from '../../services/clock';
import { createLogger } from '../../services/logger';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import { LogCapture, person, TENANT } from '../helpers/botHarness';
import { ConnectorStub } from '../helpers/connectorStub';
import { BOT_FRAMEWORK_ISSUER, newSigningKey, OpenIdServer, signJwt } from './tokenIssuer';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const APP_PASSWORD = 'test-only-client-secret-value';
const alice = person('aad-alice', 'Alice Case', [['case-manager', 'Site-A']]);

/**
 * The real CloudAdapter with an app id, checking tokens against a local OpenID server whose keys
 * the test made. Every refused case differs from the accepted one in exactly one thing, so a
 * refusal can only come from that thing.
 */
describe('Security: Bot Framework authentication (offline, real CloudAdapter)', function () {
  this.timeout(30_000);
  const teamsKey = newSigningKey(['msteams']);
  const webchatOnlyKey = newSigningKey(['webchat']);
  const unknownKey = newSigningKey(['msteams']);
  const openId = new OpenIdServer([teamsKey, webchatOnlyKey]);
  const connector = new ConnectorStub();
  const logs = new LogCapture();
  let app: App;
  let url = '';
  let turns = 0;
  const tried: string[] = [];

  // botbuilder prints every refused token (and the public key) with console.error; keep the run readable.
  const consoleError = console.error;
  let libraryErrors = 0;

  before(async () => {
    console.error = () => {
      libraryErrors++;
    };
    await openId.start();
    await connector.start();
    const config = loadConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: APP_PASSWORD,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
      BotOpenIdMetadata: openId.metadataUrl,
      PORT: '1',
      HOST: '127.0.0.1',
    });
    config.port = 0;
    const store = createMemoryStore();
    await store.people.replaceAll([alice]);
    app = await createApp(config, {
      logger: createLogger({ level: 'debug', destination: logs }),
      store,
      clock: new FixedClock(new Date('2026-11-23T00:00:00Z')),
      startOutbox: false,
    });
    // Counts turns that reach the bot: a refused request must never get this far.
    const run = app.bot.run.bind(app.bot);
    app.bot.run = async (context: TurnContext) => {
      turns++;
      return run(context);
    };
    url = `http://127.0.0.1:${await app.listen()}`;
  });
  after(async () => {
    console.error = consoleError;
    if (app) await app.stop();
    await connector.stop();
    await openId.stop();
    process.stdout.write(
      `      authentication cases tried (${tried.length}): ${tried.join(', ')}; library error lines muted: ${libraryErrors}\n`,
    );
  });

  const now = () => Math.floor(Date.now() / 1000);
  const validClaims = (activity: { serviceUrl: string }) => ({
    iss: BOT_FRAMEWORK_ISSUER,
    aud: APP_ID,
    serviceurl: activity.serviceUrl,
    nbf: now() - 60,
    iat: now() - 60,
    exp: now() + 3600,
  });

  /** An invoke whose answer comes back in the HTTP body, so an accepted turn needs no outbound call. */
  function activity(tenant = TENANT): Record<string, unknown> {
    return {
      id: `act-${randomUUID()}`,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: { type: 'Action.Execute', verb: 'tautoko', data: { card: 'generic.mytasks' } },
        trigger: 'manual',
      },
      timestamp: new Date().toISOString(),
      serviceUrl: connector.url,
      channelId: 'msteams',
      from: { id: `29:${alice.aadObjectId}`, aadObjectId: alice.aadObjectId, name: alice.name },
      conversation: { id: `a:personal-${alice.aadObjectId}`, conversationType: 'personal', tenantId: tenant },
      recipient: { id: `28:${APP_ID}`, name: 'Tautoko' },
      channelData: { tenant: { id: tenant } },
      locale: 'en-NZ',
    };
  }

  async function post(
    body: Record<string, unknown>,
    authorization?: string,
  ): Promise<{ status: number; body: string }> {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.text() };
  }

  async function assertRefused(
    name: string,
    body: Record<string, unknown>,
    authorization?: string,
  ): Promise<void> {
    tried.push(name);
    const turnsBefore = turns;
    const callsBefore = connector.calls.length;
    const res = await post(body, authorization);
    assert.equal(res.status, 401, `${name}: expected 401, got ${res.status} ${res.body}`);
    assert.equal(turns, turnsBefore, `${name}: the bot must not run a turn`);
    assert.equal(connector.calls.length, callsBefore, `${name}: nothing may be sent to the connector`);
    assert.doesNotMatch(res.body, /at .*\.(js|ts)|stack/i, `${name}: no internals in the answer`);
  }

  it('accepts a valid channel token: 200 and one bot turn (the baseline every refusal below differs from)', async () => {
    tried.push('valid token');
    const a = activity();
    const res = await post(a, `Bearer ${signJwt(teamsKey, validClaims(a as { serviceUrl: string }))}`);
    assert.equal(res.status, 200, res.body);
    assert.equal(turns, 1);
    assert.match(res.body, /application\/vnd\.microsoft\.card\.adaptive/, 'the card action was answered');
  });

  it('401 without an Authorization header', async () => {
    await assertRefused('no header', activity());
  });

  it('401 for a header that is not a bearer token, or is junk', async () => {
    const a = activity();
    await assertRefused(
      'basic scheme',
      a,
      `Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}`,
    );
    await assertRefused('junk bearer', a, 'Bearer not.a.jwt');
  });

  it('401 for a token signed by a key the metadata does not publish', async () => {
    const a = activity();
    await assertRefused(
      'unknown key',
      a,
      `Bearer ${signJwt(unknownKey, validClaims(a as { serviceUrl: string }))}`,
    );
  });

  it('401 for a token signed by a published key id but with another private key (forged signature)', async () => {
    const a = activity();
    const forged = { ...unknownKey, kid: teamsKey.kid };
    await assertRefused(
      'forged signature',
      a,
      `Bearer ${signJwt(forged, validClaims(a as { serviceUrl: string }))}`,
    );
  });

  it('401 for a wrong issuer', async () => {
    const a = activity();
    await assertRefused(
      'wrong issuer',
      a,
      `Bearer ${signJwt(teamsKey, { ...validClaims(a as { serviceUrl: string }), iss: 'https://evil.example.com' })}`,
    );
  });

  it('401 for a wrong audience (a token for another bot)', async () => {
    const a = activity();
    await assertRefused(
      'wrong audience',
      a,
      `Bearer ${signJwt(teamsKey, { ...validClaims(a as { serviceUrl: string }), aud: '99999999-2222-3333-4444-555555555555' })}`,
    );
  });

  it('401 for a token expired beyond the five-minute clock skew; accepted just inside it', async () => {
    const a = activity();
    const expired = {
      ...validClaims(a as { serviceUrl: string }),
      iat: now() - 7200,
      nbf: now() - 7200,
      exp: now() - 6 * 60,
    };
    await assertRefused('expired beyond skew', a, `Bearer ${signJwt(teamsKey, expired)}`);
    const before = turns;
    const b = activity();
    const withinSkew = { ...validClaims(b as { serviceUrl: string }), exp: now() - 60 };
    const res = await post(b, `Bearer ${signJwt(teamsKey, withinSkew)}`);
    assert.equal(res.status, 200, 'a token one minute past expiry is inside the allowed skew');
    assert.equal(turns, before + 1);
  });

  it('401 for a token not yet valid beyond the skew', async () => {
    const a = activity();
    await assertRefused(
      'not yet valid',
      a,
      `Bearer ${signJwt(teamsKey, { ...validClaims(a as { serviceUrl: string }), nbf: now() + 3600 })}`,
    );
  });

  it('401 when the serviceurl claim differs from the activity’s serviceUrl', async () => {
    const a = activity();
    await assertRefused(
      'serviceurl mismatch',
      a,
      `Bearer ${signJwt(teamsKey, { ...validClaims(a as { serviceUrl: string }), serviceurl: 'https://smba.evil.example.com/' })}`,
    );
    const b = { ...activity(), serviceUrl: 'https://smba.evil.example.com/' };
    await assertRefused(
      'activity serviceUrl swapped',
      b,
      `Bearer ${signJwt(teamsKey, validClaims(a as { serviceUrl: string }))}`,
    );
  });

  it('401 for a key not endorsed for the activity’s channel', async () => {
    const a = activity();
    await assertRefused(
      'channel not endorsed',
      a,
      `Bearer ${signJwt(webchatOnlyKey, validClaims(a as { serviceUrl: string }))}`,
    );
  });

  it('401 for an unsigned token (alg none)', async () => {
    const a = activity();
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: teamsKey.kid })).toString(
      'base64url',
    );
    const payload = Buffer.from(JSON.stringify(validClaims(a as { serviceUrl: string }))).toString(
      'base64url',
    );
    await assertRefused('alg none', a, `Bearer ${header}.${payload}.`);
  });

  it('a correctly authenticated activity from another tenant is refused by the bot: 403 for the invoke, no card, nothing sent', async () => {
    tried.push('other tenant');
    const a = activity('99999999-0000-0000-0000-000000000000');
    const callsBefore = connector.calls.length;
    const res = await post(a, `Bearer ${signJwt(teamsKey, validClaims(a as { serviceUrl: string }))}`);
    assert.equal(res.status, 403, res.body);
    assert.doesNotMatch(res.body, /adaptive/);
    assert.equal(connector.calls.length, callsBefore);
    assert.match(logs.text(), /refused activity from another tenant/);
  });

  it('the app password and the bearer tokens never reach the log', () => {
    const text = logs.text();
    assert.doesNotMatch(text, new RegExp(APP_PASSWORD));
    assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{10,}\.eyJ/, 'no JWT in the log');
  });
});
