import type { Logger } from 'pino';
import { createMemoryStore } from './memory/memoryStore';
import { connectMongoStore } from './mongo/mongoStore';
import type { Store } from './types';

export interface StoreConfig {
  /** When absent the bot runs on the embedded in-memory store (nothing survives a restart). */
  mongodbUri?: string;
  dbName: string;
  /** Deadline for each database operation, in milliseconds (see connectMongoStore). */
  operationTimeoutMs?: number;
}

/** The one place that decides which store the process runs on. */
export async function createStore(config: StoreConfig, logger: Logger): Promise<Store> {
  if (!config.mongodbUri) {
    logger.warn('no MONGODB_URI: using the in-memory store; nothing is kept after a restart');
    return createMemoryStore();
  }
  return connectMongoStore(
    config.mongodbUri,
    config.dbName,
    logger.child({ module: 'store' }),
    config.operationTimeoutMs,
  );
}
