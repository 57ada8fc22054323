// One pino logger. Redaction keeps secrets out of logs even when someone logs a whole request or config;
// citizen message bodies are never passed to the logger in the first place (log ids, not content).
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export const REDACT_PATHS = [
  'password', '*.password', 'password_hash', '*.password_hash', 'secret', '*.secret', 'imapUrl', '*.imapUrl',
  'req.headers.cookie', 'req.headers.authorization', 'headers.cookie', 'headers.authorization', '*.pass',
];

export function createLogger(level = 'info'): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'govmail' } });
}
