import { existsSync } from 'node:fs';
import { createLogger } from '../services/logger';
import type { Logger } from '../services/logger';
import type { Store } from '../services/store/types';
import { importDirectoryFile } from '../services/directory/import';
import { UnavailableError } from '../services/errors';
import { applySettings } from '../services/workflow/settings';
import { workflows } from '../cards/processes';
import { createApp } from './app';
import { assertProductionReady, ConfigError, loadConfig } from './config';

/**
 * Starts the bot process. `production` refuses to run without credentials and MongoDB; the
 * local demo is started through scripts/dev.ts, which sets TAUTOKO_LOCAL_DEV itself.
 */
export async function main(mode: 'production' | 'development'): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig(process.env);
    if (mode === 'production') assertProductionReady(config);
    applySettings(workflows, config.processSettings);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const logger = createLogger({
    level: config.logLevel,
    pretty: mode === 'development' && process.stdout.isTTY,
  });
  const directoryFile = config.directoryFile;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    if (!app) process.exit(1);
    app.stop().then(
      (clean) => process.exit(clean ? 0 : 1),
      (e: unknown) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Before listening: a signal that comes as soon as the bot says it is ready must not find no handler.
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  try {
    app = await createApp(config, {
      logger,
      ...(directoryFile ? { seedDirectory: (store: Store) => seed(store, directoryFile, logger) } : {}),
    });
    await app.listen();
  } catch (e) {
    // One line that says what to fix, not a driver's stack; the whole error is in the debug log.
    logger.debug({ err: e }, 'start-up failed');
    process.stderr.write(`Start-up failed: ${startupProblem(e)}\n`);
    process.exit(1);
  }
}

function startupProblem(e: unknown): string {
  if (e instanceof UnavailableError)
    return 'the database cannot be reached (check MONGODB_URI and that the database is running).';
  const code = (e as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') return 'the port is already in use (check PORT).';
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL')
    return 'the bot cannot listen there (check HOST and PORT).';
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0]!.slice(0, 300);
}

async function seed(store: Store, file: string, logger: Logger): Promise<void> {
  const result = await importDirectoryFile(store.people, file);
  if (!result.ok) {
    for (const e of result.errors) logger.error({ file, error: e }, 'directory file error');
    throw new Error(`the directory file ${file} has ${result.errors.length} error(s)`);
  }
  logger.info({ file, people: result.count }, 'directory loaded');
}
