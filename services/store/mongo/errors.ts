import type { Collection, Document, IndexDescription } from 'mongodb';
import {
  MongoBulkWriteError,
  MongoClientClosedError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { UnavailableError } from '../../errors';
import { DuplicateError } from '../types';

const DUPLICATE_KEY = 11000;

/**
 * Server error codes meaning "this server cannot take the operation right now" (failover, shutdown,
 * a dropped connection reported by the server) rather than "the operation is wrong".
 */
const UNAVAILABLE_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

const UNREACHABLE_MESSAGE = /topology|server selection|connect|network|socket|pool|timed out|closed/i;

export function isDuplicateKey(e: unknown): boolean {
  if (e instanceof MongoBulkWriteError) {
    const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
    return errors.length > 0 ? errors.every((w) => w.code === DUPLICATE_KEY) : e.code === DUPLICATE_KEY;
  }
  return e instanceof MongoServerError && e.code === DUPLICATE_KEY;
}

const SOCKET_ERROR_CODES = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export function isUnavailable(e: unknown): boolean {
  if (
    e instanceof MongoNetworkError || // includes timeouts and a cleared connection pool
    e instanceof MongoServerSelectionError ||
    e instanceof MongoNotConnectedError ||
    e instanceof MongoTopologyClosedError ||
    e instanceof MongoClientClosedError ||
    e instanceof MongoServerClosedError ||
    e instanceof MongoOperationTimeoutError
  ) {
    return true;
  }
  if (e instanceof MongoBulkWriteError) {
    // A batch that failed as a whole (no document-level errors) wraps the driver's error in a new
    // one and keeps only its message, so the class that said "unreachable" is gone.
    const documentErrors = Array.isArray(e.writeErrors) ? e.writeErrors.length : 1;
    return documentErrors === 0 && e.code === undefined && UNREACHABLE_MESSAGE.test(e.message);
  }
  // The driver sometimes lets a socket error through unwrapped (a write to a connection the server
  // has just closed): a plain Error with a system code.
  const code = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  if (typeof code === 'string' && SOCKET_ERROR_CODES.has(code)) return true;
  if (e instanceof MongoServerError) {
    return (
      (typeof e.code === 'number' && UNAVAILABLE_CODES.has(e.code)) ||
      e.hasErrorLabel('RetryableWriteError') ||
      e.hasErrorLabel('ResetPool')
    );
  }
  return false;
}

/**
 * Turns driver errors into the contract's errors: a clash on a unique index is a DuplicateError the
 * caller can act on; a database that cannot be reached is an UnavailableError the bot turns into
 * "not saved, please try again". Anything else is a bug and passes through untouched.
 */
export function mapMongoError(e: unknown): unknown {
  if (e instanceof DuplicateError || e instanceof UnavailableError) return e;
  if (isDuplicateKey(e)) return new DuplicateError((e as Error).message);
  if (isUnavailable(e)) return new UnavailableError(e);
  return e;
}

/** Runs one database call with the error mapping applied. */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (e) {
    throw mapMongoError(e);
  }
}

/**
 * Creates indexes one call each. FerretDB 1.24 drops the connection when one createIndexes call
 * names several indexes and some already exist, which is every start-up after the first.
 */
export async function ensureIndexes<T extends Document>(
  col: Collection<T>,
  specs: IndexDescription[],
): Promise<void> {
  for (const { key, ...options } of specs) await guard(() => col.createIndex(key, options));
}
