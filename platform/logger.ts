import pino from 'pino';
import { getKey } from './config/registry';
import { keys } from './config/keys';

/**
 * Structured JSON logs. Personal data and secrets are redacted by path wherever they
 * appear (personal data never goes into logs), in addition to callers not logging them.
 */
export const REDACT_PATHS = [
  'password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie',
  'headers.authorization', 'headers.cookie', 'req.headers.authorization', 'req.headers.cookie',
  'customer', '*.customer', 'name', '*.customerName', 'phone', '*.phone', 'address', '*.address',
];

export const logger = pino({
  level: getKey(keys.logLevel),
  base: { proc: process.env.PROCESS_NAME ?? 'cli' },
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = typeof logger;
