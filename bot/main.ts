import { existsSync } from 'node:fs';
import { createLogger } from '../services/logger';
import type { Logger } from '../services/logger';
import type { Store } from '../services/store/types';
import { importDirectoryFile } from '../services/directory/import';
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
  const app = await createApp(config, {
    logger,
    ...(directoryFile ? { seedDirectory: (store: Store) => seed(store, directoryFile, logger) } : {}),
  });
  await app.listen();
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.stop().then(
      (clean) => process.exit(clean ? 0 : 1),
      (e: unknown) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

async function seed(store: Store, file: string, logger: Logger): Promise<void> {
  const result = await importDirectoryFile(store.people, file);
  if (!result.ok) {
    for (const e of result.errors) logger.error({ file, error: e }, 'directory file error');
    throw new Error(`the directory file ${file} has ${result.errors.length} error(s)`);
  }
  logger.info({ file, people: result.count }, 'directory loaded');
}
