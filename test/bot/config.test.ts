import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  assertProductionReady,
  ConfigError,
  envSchema,
  loadConfig,
  processEnvSchema,
} from '../../bot/config';

const production = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/',
};

describe('configuration', () => {
  it('accepts a complete production environment with authentication on', () => {
    const c = loadConfig(production);
    assert.equal(c.authEnabled, true);
    assert.equal(c.port, 3978);
    assert.doesNotThrow(() => assertProductionReady(c));
  });

  it('refuses to start without an app id unless the local-development flag is set', () => {
    assert.throws(
      () => loadConfig({}),
      (e: unknown) =>
        e instanceof ConfigError && /MicrosoftAppId/.test(e.message) && /TAUTOKO_LOCAL_DEV/.test(e.message),
    );
    const dev = loadConfig({ TAUTOKO_LOCAL_DEV: 'true' });
    assert.equal(dev.authEnabled, false);
    assert.throws(() => assertProductionReady(dev), /MicrosoftAppId is required in production/);
  });

  const required: Array<[string, RegExp]> = [
    ['MicrosoftAppPassword', /MicrosoftAppPassword/],
    ['MicrosoftAppTenantId', /MicrosoftAppTenantId/],
  ];
  for (const [name, pattern] of required) {
    it(`names ${name} when it is missing`, () => {
      const env: Record<string, string> = { ...production };
      delete env[name];
      assert.throws(
        () => loadConfig(env),
        (e: unknown) => e instanceof ConfigError && pattern.test(e.message) && !e.message.includes('\n'),
      );
    });
  }

  it('names MONGODB_URI when production starts without it', () => {
    const env: Record<string, string> = { ...production };
    delete env.MONGODB_URI;
    assert.throws(() => assertProductionReady(loadConfig(env)), /MONGODB_URI/);
  });

  const malformed: Array<[string, string]> = [
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['MicrosoftAppType', 'Anyone'],
    ['MAX_BODY_BYTES', '-5'],
    ['MONGODB_DB', 'has.dots'],
    ['TAUTOKO_LOCAL_DEV', 'yes'],
  ];
  for (const [name, value] of malformed) {
    it(`names ${name} when it is malformed (${value})`, () => {
      assert.throws(
        () => loadConfig({ TAUTOKO_LOCAL_DEV: 'true', [name]: value }),
        (e: unknown) => e instanceof ConfigError && e.message.startsWith(`Configuration error: ${name} `),
      );
    });
  }

  it('refuses a MultiTenant registration without a tenant id in production (any tenant would be accepted)', () => {
    const multi = { ...production, MicrosoftAppType: 'MultiTenant' };
    assert.doesNotThrow(() => assertProductionReady(loadConfig(multi)));
    const { MicrosoftAppTenantId: _tenant, ...noTenant } = multi;
    assert.throws(
      () => assertProductionReady(loadConfig(noTenant)),
      (e: unknown) =>
        e instanceof ConfigError && /MicrosoftAppTenantId/.test(e.message) && /MultiTenant/.test(e.message),
    );
  });

  it('listens on 127.0.0.1 by default with authentication off, on every address with it on, and as HOST says', () => {
    assert.equal(loadConfig({ TAUTOKO_LOCAL_DEV: 'true' }).host, '127.0.0.1');
    assert.equal(loadConfig(production).host, '0.0.0.0');
    assert.equal(loadConfig({ TAUTOKO_LOCAL_DEV: 'true', HOST: '0.0.0.0' }).host, '0.0.0.0');
    assert.equal(loadConfig({ ...production, HOST: '10.0.0.5' }).host, '10.0.0.5');
  });

  it('reads the database operation deadline and the body deadline', () => {
    const c = loadConfig({ TAUTOKO_LOCAL_DEV: 'true', MONGODB_TIMEOUT_MS: '2500', BODY_TIMEOUT_MS: '3000' });
    assert.equal(c.mongodbTimeoutMs, 2500);
    assert.equal(c.bodyTimeoutMs, 3000);
    assert.throws(
      () => loadConfig({ TAUTOKO_LOCAL_DEV: 'true', MONGODB_TIMEOUT_MS: '0' }),
      /MONGODB_TIMEOUT_MS/,
    );
  });

  it('.env.example documents exactly the variables the bot reads', () => {
    const documented = readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l))
      .map((l) => l.split('=')[0]!);
    const read = [...Object.keys(envSchema.shape), ...Object.keys(processEnvSchema.shape)];
    const packaging = [
      'TEAMS_APP_ID',
      'BOT_DOMAIN',
      'APP_VERSION',
      'APP_NAME_SUFFIX',
      'DEVELOPER_NAME',
      'DEVELOPER_WEBSITE_URL',
      'PRIVACY_URL',
      'TERMS_OF_USE_URL',
    ];
    assert.deepEqual([...documented].sort(), [...new Set([...read, ...packaging])].sort());
    for (const name of documented) {
      const lines = readFileSync('.env.example', 'utf8').split('\n');
      const i = lines.findIndex((l) => l.startsWith(`${name}=`));
      assert.ok(i > 0 && lines[i - 1]!.startsWith('#'), `${name} has a comment above it`);
    }
  });
});

describe('config: deadlines and the development clock', () => {
  it('reads the deadline settings, with the defaults of .env.example', () => {
    const c = loadConfig({
      TAUTOKO_LOCAL_DEV: 'true',
      SITE_REGIONS: 'Site-A=AUK, Site-B=wgn',
      DUE_WORKING_DAYS: 'input=4',
    });
    assert.deepEqual(c.deadlines.calendar.siteRegions, { 'Site-A': 'AUK', 'Site-B': 'WGN' });
    assert.deepEqual(c.deadlines.dueWorkingDays, { input: 4, decision: 3, followUp: 2 });
    assert.deepEqual(c.deadlines.policyEscalateDaysLeft, [7, 2]);
    assert.equal(c.deadlines.nationalEscalationRole, 'admin');
    assert.equal(c.schedulerTickMs, 60_000);
  });
  const bad: Array<[string, string]> = [
    ['SITE_REGIONS', 'Site-A=Narnia'],
    ['WORKING_HOURS', '9-5'],
    ['DUE_WORKING_DAYS', 'input=-1'],
    ['ESCALATE_NATIONAL_TO_ROLE', 'boss'],
    ['DEV_CLOCK_OFFSET', 'tomorrow'],
  ];
  for (const [name, value] of bad)
    it(`names ${name} when it is malformed (${value})`, () =>
      assert.throws(
        () => loadConfig({ TAUTOKO_LOCAL_DEV: 'true', [name]: value }),
        (e: unknown) => e instanceof ConfigError && e.message.startsWith(`Configuration error: ${name} `),
      ));
  it('accepts a development clock only in local development, never with an app id or in production', () => {
    assert.equal(
      loadConfig({ TAUTOKO_LOCAL_DEV: 'true', DEV_CLOCK_OFFSET: '+3d' }).devClockOffsetMs,
      3 * 24 * 3600_000,
    );
    assert.throws(
      () =>
        loadConfig({
          MicrosoftAppId: 'app',
          MicrosoftAppPassword: 'pw',
          MicrosoftAppTenantId: 'tenant',
          DEV_CLOCK_OFFSET: '+3d',
        }),
      /DEV_CLOCK_OFFSET is for local development only/,
    );
    const dev = loadConfig({
      TAUTOKO_LOCAL_DEV: 'true',
      DEV_CLOCK_OFFSET: '+1h',
      MONGODB_URI: 'mongodb://x',
    });
    assert.throws(
      () => assertProductionReady({ ...dev, authEnabled: true, localDev: false }),
      /DEV_CLOCK_OFFSET/,
    );
  });
});
