import { ActivityEventNames, CallerIdConstants, CardFactory, ConversationState } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Clock } from '../services/clock';
import { systemClock } from '../services/clock';
import { DirectoryAdmin } from '../services/directory/admin';
import { DirectoryCache } from '../services/directory/cache';
import { MovableClock } from '../services/scheduler/devClock';
import { DueDates } from '../services/scheduler/dueDates';
import { DigestPreferences } from '../services/scheduler/preferences';
import { Scheduler } from '../services/scheduler/scheduler';
import { ReconcileSweep } from '../services/outbox/sweep';
import { OutboxWorker } from '../services/outbox/worker';
import { ApplicationQueries } from '../services/queries';
import { StoreBotStorage } from './botStorage';
import { createStore } from '../services/store/index';
import type { Store } from '../services/store/types';
import { WorkflowEngine } from '../services/workflow/engine';
import { workflows } from '../cards/processes';
import type { Config } from './config';
import { BotAuthentication } from './authentication';
import { personCards } from './deadlineCommands';
import { ConnectorGateway, TautokoAdapter } from './connector';
import { AdapterDelivery } from './delivery';
import { turnErrorCard } from './errorAnswers';
import { GraphInstaller } from './graph';
import { cardResponse, invokeResponseActivity } from './invokeResponses';
import { PersonalChats } from './reach';
import { TeamsUserIds } from './teamsUserIds';
import { createHttpServer } from './server';
import type { HttpServer } from './server';
import { PersonalChat } from './conversation';
import { registerTab } from './tab/index';
import { TautokoBot } from './teamsBot';
import { originOf } from './turn';

export interface AppOptions {
  logger: Logger;
  clock?: Clock;
  /** An already-open store (tests); otherwise one is created from the config. */
  store?: Store;
  /** Seeds the directory on start-up when it is empty (the demo directory). */
  seedDirectory?: (store: Store) => Promise<void>;
  /** Start the outbox worker (tests may drive it by hand). */
  startOutbox?: boolean;
  /** Start the scheduler (default: as the outbox worker; tests drive `scheduler.tick()` by hand). */
  startScheduler?: boolean;
  /** Where the built tab is (default dist/tab). */
  tabDir?: string;
}

/**
 * The composition root: config -> store -> services -> dialogs and bot -> HTTP server.
 * Nothing else in the code base creates these; everything is passed in.
 */
export async function createApp(config: Config, options: AppOptions) {
  const logger = options.logger;
  if (!config.authEnabled) {
    logger.warn(
      'Bot Framework authentication is OFF (TAUTOKO_LOCAL_DEV). Never run like this outside a developer machine.',
    );
  }
  const services = await createServices(config, options);
  const teams = createTeams(config, services, logger);
  const outbox = createOutbox(config, services, teams);
  const http = createHttpServer({
    logger: logger.child({ module: 'http' }),
    maxBodyBytes: config.maxBodyBytes,
    bodyTimeoutMs: config.bodyTimeoutMs,
    processActivity: (req, res) => teams.adapter.process(req, res, (context) => teams.bot.run(context)),
    ping: () => services.store.ping(),
  });
  await registerTab(http.server, config, {
    store: services.store,
    queries: services.queries,
    clock: services.clock,
    logger: logger.child({ module: 'tab' }),
    ...(options.tabDir ? { tabDir: options.tabDir } : {}),
  });
  const { store, engine, queries, scheduler, clock } = services;
  return {
    store,
    engine,
    queries,
    bot: teams.bot,
    adapter: teams.adapter,
    outbox,
    scheduler,
    clock,
    http,
    ...lifecycle(config, options, { ...services, outbox, http }),
  };
}

export type App = Awaited<ReturnType<typeof createApp>>;

type Services = Awaited<ReturnType<typeof createServices>>;
type Teams = ReturnType<typeof createTeams>;

/** The store and the services above it: no Teams in here. */
async function createServices(config: Config, options: AppOptions) {
  const logger = options.logger;
  // In local development only, time can be moved (DEV_CLOCK_OFFSET, `dev clock +3d`) to show reminders.
  const devClock =
    config.localDev && !config.authEnabled
      ? new MovableClock(config.devClockOffsetMs ?? 0, options.clock ?? systemClock)
      : undefined;
  const clock = devClock ?? options.clock ?? systemClock;
  const store =
    options.store ??
    (await createStore(
      {
        ...(config.mongodbUri ? { mongodbUri: config.mongodbUri } : {}),
        dbName: config.mongodbDb,
        operationTimeoutMs: config.mongodbTimeoutMs,
      },
      logger,
    ));
  if (options.seedDirectory && (await store.people.all()).length === 0) await options.seedDirectory(store);

  const dueDates = new DueDates(config.deadlines);
  const directory = new DirectoryCache(store.people, store.delegations);
  const engine = new WorkflowEngine(
    store,
    workflows,
    clock,
    logger.child({ module: 'engine' }),
    dueDates,
    (now) => directory.coverInForce(now),
  );
  const preferences = new DigestPreferences(store.state);
  const scheduler = new Scheduler(
    store,
    engine,
    dueDates,
    clock,
    logger.child({ module: 'scheduler' }),
    { tickMs: config.schedulerTickMs, digest: config.digestEnabled },
    preferences,
  );
  const queries = new ApplicationQueries(store, engine);
  const admin = new DirectoryAdmin(store, clock);
  return { logger, devClock, clock, store, engine, preferences, scheduler, queries, admin, directory };
}

/** The Bot Framework side: authentication, the adapter, the connector and the bot. */
function createTeams(config: Config, services: Services, logger: Logger) {
  const { store, engine, queries, admin, clock, scheduler, preferences, devClock, directory } = services;
  const conversationState = new ConversationState(new StoreBotStorage(store.state));
  const auth = new BotAuthentication({
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    // With no app id (local development) only the multi-tenant factory accepts empty credentials.
    MicrosoftAppType: config.authEnabled ? config.appType : 'MultiTenant',
    MicrosoftAppTenantId: config.tenantId ?? '',
    ...(config.openIdMetadata ? publicCloudWithMetadata(config.openIdMetadata) : {}),
  });
  const adapter = new TautokoAdapter(auth);
  const teamsUserIds = new TeamsUserIds(store.conversations);
  const connector = new ConnectorGateway(adapter, config.appId ?? '', config.outboundTimeoutMs);
  const bot = new TautokoBot({
    store,
    engine,
    queries,
    admin,
    clock,
    logger: logger.child({ module: 'bot' }),
    conversationState,
    directory,
    tenantId: config.tenantId,
    personalChat: new PersonalChat(store, connector, logger.child({ module: 'personal-chat' })),
    deadlines: { scheduler, preferences, devClock },
    links: linksOf(config),
    outboxStuckAfterMs: config.outboxStuckAfterMs,
    teamsUserIds,
  });
  adapter.onTurnError = onTurnError(logger, conversationState);
  return { adapter, connector, teamsUserIds, bot };
}

function linksOf(config: Config) {
  return config.tab.teamsAppId ? { teamsAppId: config.tab.teamsAppId } : undefined;
}

/**
 * The last word on a turn that failed: the user gets a card saying so with a reference to quote
 * (never the error's own message), the log gets the whole error, and the dialog state is dropped.
 */
function onTurnError(logger: Logger, conversationState: ConversationState) {
  return async (context: TurnContext, error: Error) => {
    const { activityId, correlationId } = originOf(context);
    const reference = correlationId.slice(0, 8);
    if (isProactive(context)) {
      // Nobody is waiting for an answer in a proactive turn: tell the caller, send no error card.
      logger.error({ err: error, activityId, correlationId }, 'error in a proactive turn');
      throw error;
    }
    const card = turnErrorCard(error, reference);
    logger.error({ err: error, activityId, correlationId, reference }, card.log);
    await conversationState.delete(context).catch(() => undefined);
    try {
      if (context.activity.type === 'invoke')
        await context.sendActivity(invokeResponseActivity(cardResponse(card.card)));
      else await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card.card)] });
    } catch (sendError) {
      logger.error({ err: sendError, activityId }, 'could not tell the user about the error');
    }
  };
}

/** The outbox worker delivering through the connector, with its reconcile sweep. */
function createOutbox(config: Config, services: Services, teams: Teams): OutboxWorker {
  const { store, engine, clock, queries, logger } = services;
  const outbox = new OutboxWorker(
    store,
    new AdapterDelivery(
      teams.connector,
      store,
      engine,
      clock,
      teams.teamsUserIds,
      personalChats(config, teams.connector, store),
      personCards(queries),
      linksOf(config),
    ),
    clock,
    logger.child({ module: 'outbox' }),
    {
      pollMs: config.outboxPollMs,
      stuckAfterMs: config.outboxStuckAfterMs,
      perAppPerSecond: config.outboxPerAppPerSecond,
      concurrency: config.outboxConcurrency,
    },
  );
  outbox.useSweep(
    new ReconcileSweep(store, (id) => engine.repair(id), clock, logger.child({ module: 'sweep' })),
  );
  wakeOnEnqueue(store, () => outbox.wake());
  return outbox;
}

/** Opens 1:1 chats through Graph for people who have none, when Graph is configured. */
function personalChats(config: Config, connector: ConnectorGateway, store: Store): PersonalChats | undefined {
  if (!config.graph) return undefined;
  return new PersonalChats(
    new GraphInstaller({
      graphEndpoint: config.graph.endpoint,
      tokenEndpoint: config.graph.tokenEndpoint,
      clientId: config.appId ?? '',
      clientSecret: config.appPassword ?? '',
      catalogAppId: config.graph.catalogAppId,
      timeoutMs: config.outboundTimeoutMs,
    }),
    connector,
    store,
    { appId: config.appId ?? '', tenantId: config.tenantId ?? '', serviceUrl: config.graph.serviceUrl },
  );
}

/** Starting to listen, and the orderly stop within the shutdown grace. */
function lifecycle(
  config: Config,
  options: AppOptions,
  parts: Pick<Services, 'store' | 'scheduler' | 'logger'> & { outbox: OutboxWorker; http: HttpServer },
) {
  const { store, scheduler, outbox, http, logger } = parts;
  let stopped = false;
  return {
    async listen(): Promise<number> {
      const port = await http.listen(config.port, config.host);
      if (options.startOutbox !== false) outbox.start();
      if (options.startScheduler ?? options.startOutbox !== false) scheduler.start();
      logger.info({ port, store: store.kind, auth: config.authEnabled }, 'Tautoko is ready');
      return port;
    },
    /**
     * Stops within the shutdown grace, whatever is still running: no new requests, turns in flight
     * get most of the grace, then the outbox hands back its lease and the database closes. At the
     * deadline it gives up and resolves false; the caller exits, and outbox messages this process
     * had claimed are delivered by another instance once their lease ends.
     */
    async stop(): Promise<boolean> {
      if (stopped) return true;
      stopped = true;
      const graceMs = config.shutdownGraceMs;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((r) => (timer = setTimeout(() => r('deadline'), graceMs)));
      const orderly = (async () => {
        // Closing the outbox and the database is given the last third of the grace (at most 2 s).
        const drained = await http.drain(graceMs - Math.min(2000, Math.floor(graceMs / 3)));
        if (!drained) logger.warn({ graceMs }, 'turns still running at the shutdown deadline');
        await scheduler.stop();
        await outbox.stop();
        await store.close();
        return drained ? ('clean' as const) : ('cut' as const);
      })();
      const outcome = await Promise.race([orderly, deadline]).finally(() => clearTimeout(timer));
      if (outcome === 'deadline') {
        logger.error(
          { graceMs },
          'shutdown deadline reached: exiting with work still running; messages this process had claimed go to another instance when their lease ends',
        );
        return false;
      }
      logger.info('Tautoko stopped');
      return outcome === 'clean';
    },
  };
}
/** A turn botbuilder made up for proactive work (continue or create a conversation). */
function isProactive(context: TurnContext): boolean {
  const a = context.activity;
  return (
    a.type === 'event' &&
    (a.name === ActivityEventNames.ContinueConversation || a.name === ActivityEventNames.CreateConversation)
  );
}

/** Wakes the outbox worker whenever this process enqueues (the domain, reminders, anything). */
function wakeOnEnqueue(store: Store, wake: () => void): void {
  const outbox = store.outbox;
  const enqueue = outbox.enqueue.bind(outbox);
  outbox.enqueue = async (messages) => {
    const added = await enqueue(messages);
    if (added > 0) wake();
    return added;
  };
}

/**
 * Overriding the OpenID metadata switches botbuilder to its "parameterised" authentication, which
 * then takes every other setting literally; so the public cloud's values are spelled out beside it
 * (otherwise the issuer check, for one, would have nothing to compare against).
 */
function publicCloudWithMetadata(metadataUrl: string): Record<string, string | boolean> {
  return {
    BotOpenIdMetadata: metadataUrl,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
