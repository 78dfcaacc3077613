import { existsSync } from 'node:fs';
import {
  formatImportError,
  formatOf,
  importDirectoryFile,
  parseDirectory,
} from '../services/directory/import';
import { readFile } from 'node:fs/promises';
import { isDomainError } from '../services/errors';
import { createLogger } from '../services/logger';
import { connectMongoStore } from '../services/store/mongo/mongoStore';

/**
 * `npm run directory:import -- FILE [--check]`: replaces the staff directory in MongoDB
 * (MONGODB_URI, MONGODB_DB) with the people in FILE. Every error in the file is printed, one per
 * line as `file:line: path: message`, and nothing is written unless the file is entirely valid.
 * `--check` validates only, without a database.
 */

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = 'usage: npm run directory:import -- FILE [--check]   (FILE: .yaml, .yml or .json)';

export async function run(args: string[], env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  const check = args.includes('--check');
  const files = args.filter((a) => !a.startsWith('--'));
  const file = files[0];
  if (!file || files.length > 1) {
    io.err(USAGE);
    return 2;
  }
  if (check) {
    if (!existsSync(file)) {
      io.err(`${file}: file not found`);
      return 1;
    }
    const { people, errors } = parseDirectory(await readFile(file, 'utf8'), formatOf(file));
    for (const e of errors) io.err(formatImportError(file, e));
    if (errors.length > 0) return 1;
    io.out(`${file}: ${people.length} people, no errors (nothing written: --check)`);
    return 0;
  }
  const uri = env.MONGODB_URI?.trim();
  if (!uri) {
    io.err('MONGODB_URI is not set: there is no database to import into (use --check to validate only)');
    return 2;
  }
  const dbName = env.MONGODB_DB?.trim() || 'tautoko';
  const logger = createLogger({ level: 'warn' });
  let store;
  try {
    store = await connectMongoStore(uri, dbName, logger);
  } catch (e) {
    io.err(`cannot reach the database: ${isDomainError(e) ? e.userMessage : String(e)}`);
    return 2;
  }
  try {
    const result = await importDirectoryFile(store.people, file);
    if (!result.ok) {
      for (const e of result.errors) io.err(formatImportError(file, e));
      io.err(`${result.errors.length} error(s); the directory was not changed`);
      return 1;
    }
    io.out(`Imported ${result.count} people into ${dbName}; the previous directory was replaced.`);
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  run(process.argv.slice(2), process.env, {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`directory import failed: ${isDomainError(e) ? e.userMessage : String(e)}\n`);
      process.exit(2);
    },
  );
}
