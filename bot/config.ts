import { z } from 'zod';
import { parseOffset } from '../services/scheduler/devClock';
import { deadlineEnvShape, deadlineSettingsFromEnv } from '../services/scheduler/settings';
import { settingsShape } from '../services/workflow/settings';
import { workflows } from '../cards/processes';
import type { DeadlineSettings } from '../services/scheduler/settings';

/**
 * Every setting the bot reads, checked once at start-up. A missing or malformed variable stops
 * the process with one line naming it. `.env.example` lists the same names (a test keeps the two
 * in step).
 */
const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const intInRange = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be a whole number from ${min} to ${max}`,
        });
        return z.NEVER;
      }
      return n;
    });

export const envSchema = z.object({
  /** Bot Framework app registration; empty only for local development (see TAUTOKO_LOCAL_DEV). */
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MicrosoftAppTenantId: optionalText,
  /** Explicit opt-in to running with Bot Framework authentication off. Never set in production. */
  TAUTOKO_LOCAL_DEV: flag,
  /** MongoDB connection string; without it the bot uses the in-memory store (demo only). */
  MONGODB_URI: optionalText,
  MONGODB_DB: z
    .string()
    .trim()
    .min(1)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
    .default('tautoko'),
  /** Deadline for each database operation (no answer on the connection for this long), in milliseconds. */
  MONGODB_TIMEOUT_MS: intInRange(100, 120_000, 10_000),
  PORT: intInRange(0, 65535, 3978),
  /** Default: 127.0.0.1 with authentication off (TAUTOKO_LOCAL_DEV), else 0.0.0.0. */
  HOST: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A staff directory (YAML or JSON) loaded at start-up when the directory is empty. */
  DIRECTORY_FILE: optionalText,
  /** Largest request body accepted on /api/messages, in bytes (Teams messages are at most ~100 KB). */
  MAX_BODY_BYTES: intInRange(1024, 10 * 1024 * 1024, 256 * 1024),
  /** How long a client may take to send a request's headers and body before it is cut off (408). */
  BODY_TIMEOUT_MS: intInRange(100, 120_000, 10_000),
  /** How long shutdown waits for in-flight turns before closing. */
  SHUTDOWN_GRACE_MS: intInRange(0, 120_000, 10_000),
  /** How often an idle outbox worker looks for messages to deliver (an enqueue here wakes it at once). */
  OUTBOX_POLL_MS: intInRange(10, 60_000, 5000),
  /** Deadline for each call to the Bot Framework connector or Microsoft Graph; shorter than the shutdown grace. */
  OUTBOUND_TIMEOUT_MS: intInRange(0, 60_000, 0),
  /** Due work not delivered after this long means the outbox is stuck: logged as an error, shown in `outbox failed`. */
  OUTBOX_STUCK_AFTER_MS: intInRange(1000, 24 * 3_600_000, 300_000),
  /** Teams' limit on proactive messages per app per tenant, per second (50; 30 on older guidance). */
  OUTBOX_PER_APP_PER_SECOND: intInRange(1, 1000, 50),
  /** How many conversations the outbox delivers to at the same time. */
  OUTBOX_CONCURRENCY: intInRange(1, 256, 16),
  /** The app's id in the organisation's Teams app catalog; set it to let the bot reach people who never chatted with it. */
  TEAMS_CATALOG_APP_ID: optionalText,
  /** Microsoft Graph's base URL. */
  GRAPH_ENDPOINT: z.string().trim().url().default('https://graph.microsoft.com/v1.0'),
  /** The token endpoint for Graph's client-credentials token; empty: Entra's for MicrosoftAppTenantId. */
  GRAPH_TOKEN_ENDPOINT: optionalText,
  /** The connector service URL for new 1:1 conversations. */
  TEAMS_SERVICE_URL: z.string().trim().url().default('https://smba.trafficmanager.net/teams/'),
  /** Overrides for the Bot Framework OpenID metadata (used by the offline authentication tests). */
  BotOpenIdMetadata: optionalText,
  /** Due dates, working hours and holidays, reminders and escalation (services/scheduler/settings.ts). */
  ...deadlineEnvShape,
  /** How often each process's scheduler wakes (one lease write; the holder makes one query). */
  SCHEDULER_TICK_MS: intInRange(1000, 3_600_000, 60_000),
  /** The daily digest to each person with open tasks (each can still say `digest off`). */
  DIGEST_ENABLED: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => v === undefined || v === '' || v === 'true' || v === '1'),
  /** Local development only: start with the clock moved by this much, e.g. +3d (refused in production). */
  DEV_CLOCK_OFFSET: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v.trim() === '' || parseOffset(v) !== undefined,
      'must be like +3d, -2h or +90m',
    )
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : parseOffset(v))),
  /** The bot's public host name; with MicrosoftAppId it gives the tab's Application ID URI. */
  BOT_DOMAIN: optionalText,
  /** The Teams app id (manifest id): "Open in Tautoko" deep links name it. */
  TEAMS_APP_ID: optionalText,
  /** The tab's single sign-on: the Entra app's client id (default MicrosoftAppId). */
  TAB_SSO_CLIENT_ID: optionalText,
  /** The tab's single sign-on: the Application ID URI (default api://<BOT_DOMAIN>/botid-<MicrosoftAppId>). */
  TAB_SSO_APP_ID_URI: optionalText,
  /** Where the signing keys of SSO tokens are published (Microsoft's by default; a local JWKS in tests). */
  TAB_SSO_JWKS_URL: z.string().trim().url().optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  appId: string | undefined;
  appPassword: string | undefined;
  appType: Env['MicrosoftAppType'];
  tenantId: string | undefined;
  authEnabled: boolean;
  localDev: boolean;
  mongodbUri: string | undefined;
  mongodbDb: string;
  mongodbTimeoutMs: number;
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  directoryFile: string | undefined;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  shutdownGraceMs: number;
  outboxPollMs: number;
  outboundTimeoutMs: number;
  outboxStuckAfterMs: number;
  outboxPerAppPerSecond: number;
  outboxConcurrency: number;
  openIdMetadata: string | undefined;
  /** Reaching people with no conversation yet; undefined when TEAMS_CATALOG_APP_ID is not set. */
  graph: { catalogAppId: string; endpoint: string; tokenEndpoint: string; serviceUrl: string } | undefined;
  deadlines: DeadlineSettings;
  /** The processes' own settings by variable name, parsed by their processes (`settings` on a definition). */
  processSettings: Record<string, unknown>;
  schedulerTickMs: number;
  digestEnabled: boolean;
  /** Set only in local development: the clock is movable, starting this far from real time. */
  devClockOffsetMs: number | undefined;
  /** The personal tab: its SSO token settings (undefined when not configured) and deep-link app id. */
  tab: {
    sso: { tenantId: string; clientId: string; appIdUri: string; jwksUrl: string | undefined } | undefined;
    teamsAppId: string | undefined;
  };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The variables the processes read (each process's `settings`), checked with the rest. */
export const processEnvSchema = z.object(settingsShape(workflows));

function parseEnv<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  env: Record<string, string | undefined>,
): T {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${issue.path.join('.') || 'environment'} ${issue.message}`);
  }
  return parsed.data;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const e = parseEnv(envSchema, env);
  const processSettings = parseEnv(processEnvSchema, env);
  const authEnabled = e.MicrosoftAppId !== undefined;
  if (authEnabled && e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
    throw new ConfigError('Configuration error: MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (authEnabled && e.MicrosoftAppType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
    throw new ConfigError('Configuration error: MicrosoftAppTenantId is required for a single-tenant bot');
  }
  // Unset: 5 s, or half the shutdown grace when that is shorter.
  const outboundTimeoutMs =
    e.OUTBOUND_TIMEOUT_MS > 0
      ? e.OUTBOUND_TIMEOUT_MS
      : Math.max(100, Math.min(5000, Math.floor(e.SHUTDOWN_GRACE_MS / 2)));
  if (e.OUTBOUND_TIMEOUT_MS > 0 && e.OUTBOUND_TIMEOUT_MS >= e.SHUTDOWN_GRACE_MS) {
    throw new ConfigError(
      'Configuration error: OUTBOUND_TIMEOUT_MS must be shorter than SHUTDOWN_GRACE_MS, so a hung send cannot hold up shutdown',
    );
  }
  if (!authEnabled && !e.TAUTOKO_LOCAL_DEV) {
    throw new ConfigError(
      'Configuration error: MicrosoftAppId is empty; set it, or set TAUTOKO_LOCAL_DEV=true to run without authentication on this machine only',
    );
  }
  if (e.DEV_CLOCK_OFFSET !== undefined && (authEnabled || !e.TAUTOKO_LOCAL_DEV)) {
    throw new ConfigError(
      'Configuration error: DEV_CLOCK_OFFSET is for local development only (TAUTOKO_LOCAL_DEV=true, no MicrosoftAppId)',
    );
  }
  return {
    appId: e.MicrosoftAppId,
    appPassword: e.MicrosoftAppPassword,
    appType: e.MicrosoftAppType,
    tenantId: e.MicrosoftAppTenantId,
    authEnabled,
    localDev: e.TAUTOKO_LOCAL_DEV,
    mongodbUri: e.MONGODB_URI,
    mongodbDb: e.MONGODB_DB,
    mongodbTimeoutMs: e.MONGODB_TIMEOUT_MS,
    port: e.PORT,
    // With authentication off nothing but this machine may reach the bot, unless HOST says otherwise.
    host: e.HOST ?? (authEnabled ? '0.0.0.0' : '127.0.0.1'),
    logLevel: e.LOG_LEVEL,
    directoryFile: e.DIRECTORY_FILE,
    maxBodyBytes: e.MAX_BODY_BYTES,
    bodyTimeoutMs: e.BODY_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    outboxPollMs: e.OUTBOX_POLL_MS,
    outboundTimeoutMs,
    outboxStuckAfterMs: e.OUTBOX_STUCK_AFTER_MS,
    outboxPerAppPerSecond: e.OUTBOX_PER_APP_PER_SECOND,
    outboxConcurrency: e.OUTBOX_CONCURRENCY,
    openIdMetadata: e.BotOpenIdMetadata,
    graph: e.TEAMS_CATALOG_APP_ID
      ? {
          catalogAppId: e.TEAMS_CATALOG_APP_ID,
          endpoint: e.GRAPH_ENDPOINT,
          tokenEndpoint:
            e.GRAPH_TOKEN_ENDPOINT ??
            `https://login.microsoftonline.com/${encodeURIComponent(e.MicrosoftAppTenantId ?? 'organizations')}/oauth2/v2.0/token`,
          serviceUrl: e.TEAMS_SERVICE_URL,
        }
      : undefined,
    deadlines: deadlineSettingsFromEnv(e),
    processSettings,
    schedulerTickMs: e.SCHEDULER_TICK_MS,
    digestEnabled: e.DIGEST_ENABLED,
    devClockOffsetMs: e.DEV_CLOCK_OFFSET,
    tab: { sso: tabSso(e), teamsAppId: e.TEAMS_APP_ID },
  };
}

/**
 * The tab signs people in with the bot's own app registration (one Entra app for the bot and the
 * tab). Without a tenant, a client id and an Application ID URI the tab API stays closed (503).
 */
function tabSso(e: Env): Config['tab']['sso'] {
  const clientId = e.TAB_SSO_CLIENT_ID ?? e.MicrosoftAppId;
  const appIdUri =
    e.TAB_SSO_APP_ID_URI ??
    (e.BOT_DOMAIN && e.MicrosoftAppId ? `api://${e.BOT_DOMAIN}/botid-${e.MicrosoftAppId}` : undefined);
  if (!e.MicrosoftAppTenantId || !clientId || !appIdUri) return undefined;
  return { tenantId: e.MicrosoftAppTenantId, clientId, appIdUri, jwksUrl: e.TAB_SSO_JWKS_URL };
}

/** Production refuses what the local demo tolerates. */
export function assertProductionReady(config: Config): void {
  if (!config.authEnabled)
    throw new ConfigError('Configuration error: MicrosoftAppId is required in production');
  if (config.localDev)
    throw new ConfigError('Configuration error: TAUTOKO_LOCAL_DEV must not be set in production');
  if (!config.mongodbUri) throw new ConfigError('Configuration error: MONGODB_URI is required in production');
  if (config.appType === 'MultiTenant' && !config.tenantId)
    throw new ConfigError(
      "Configuration error: MicrosoftAppTenantId is required in production, for a MultiTenant registration too (without it any tenant's users would be accepted)",
    );
  if (config.devClockOffsetMs !== undefined)
    throw new ConfigError('Configuration error: DEV_CLOCK_OFFSET must not be set in production');
}
