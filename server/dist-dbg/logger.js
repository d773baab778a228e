import { pino } from 'pino';
/**
 * JSON logs on stdout. Secrets never reach a log call; as a second line of defence, fields
 * that commonly carry them are redacted wherever they appear.
 */
export function createLogger(level, destination) {
    return pino({
        level,
        redact: {
            paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'req.headers.authorization'],
            censor: '[redacted]',
        },
    }, destination);
}
//# sourceMappingURL=logger.js.map