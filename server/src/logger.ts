import { type Logger, pino } from 'pino';

/**
 * JSON logs on stdout. Secrets never reach a log call; as a second line of defence, fields
 * that commonly carry them are redacted wherever they appear.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'req.headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination as never,
  );
}
