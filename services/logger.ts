import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/**
 * Paths whose values never reach a log line: secrets and tokens, and the contents of
 * restricted assessment sections (intelligence, health) wherever they travel.
 */
export const REDACT_PATHS = [
  'password',
  'secret',
  'token',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'config.microsoftAppPassword',
  'MicrosoftAppPassword',
  'answers',
  'payload.answers',
  'value',
  'activity.value',
  'body',
];

export function createLogger(options: {
  level: string;
  pretty?: boolean;
  destination?: pino.DestinationStream;
}): Logger {
  const base: pino.LoggerOptions = {
    level: options.level,
    base: { app: 'tautoko' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(base);
}
