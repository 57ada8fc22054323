// One pino logger. Redaction keeps secrets out of logs even when someone logs a whole request or config;
// citizen message bodies are never passed to the logger in the first place (log ids, not content).
// pino is required when the first logger is made, not imported at the top: the composition root imports this
// file, and the CLI, which prints its own output and never makes a logger, should not load pino for nothing.
import { createRequire } from 'node:module';
import type { Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export const REDACT_PATHS = [
  'password', '*.password', 'password_hash', '*.password_hash', 'secret', '*.secret', 'imapUrl', '*.imapUrl',
  'req.headers.cookie', 'req.headers.authorization', 'headers.cookie', 'headers.authorization', '*.pass',
];

const require = createRequire(import.meta.url);

export function createLogger(level = 'info'): Logger {
  const { pino } = require('pino') as typeof import('pino');
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'govmail' } });
}
