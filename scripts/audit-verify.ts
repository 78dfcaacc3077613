import { existsSync } from 'node:fs';
import { verifyAudit } from '../services/audit/verify';
import { isDomainError } from '../services/errors';
import { createLogger } from '../services/logger';
import { connectMongoStore } from '../services/store/mongo/mongoStore';
import type { Store } from '../services/store/types';

/**
 * `npm run audit:verify`: checks the hash chain of every application's audit trail in MongoDB
 * (MONGODB_URI, MONGODB_DB). Prints one line per broken chain and exits 1 if there is any;
 * exits 2 when it cannot check at all.
 */

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Verifies and reports; the exit code is the caller's to use. */
export async function report(store: Pick<Store, 'events' | 'applications'>, io: Output): Promise<number> {
  const result = await verifyAudit(store);
  for (const b of result.broken) io.err(`BROKEN ${b.applicationId} at event ${b.seq}: ${b.reason}`);
  if (result.broken.length > 0) {
    io.err(`${result.broken.length} of ${result.applications} audit trail(s) broken`);
    return 1;
  }
  io.out(`OK: ${result.applications} audit trail(s), ${result.events} event(s), every chain intact`);
  return 0;
}

export async function run(env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  const uri = env.MONGODB_URI?.trim();
  if (!uri) {
    io.err('MONGODB_URI is not set: there is no audit trail to verify');
    return 2;
  }
  const dbName = env.MONGODB_DB?.trim() || 'tautoko';
  let store;
  try {
    store = await connectMongoStore(uri, dbName, createLogger({ level: 'warn' }));
  } catch (e) {
    io.err(`cannot reach the database: ${isDomainError(e) ? e.userMessage : String(e)}`);
    return 2;
  }
  try {
    return await report(store, io);
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  run(process.env, {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`audit verify failed: ${isDomainError(e) ? e.userMessage : String(e)}\n`);
      process.exit(2);
    },
  );
}
