import { type Logger } from 'pino';
/**
 * JSON logs on stdout. Secrets never reach a log call; as a second line of defence, fields
 * that commonly carry them are redacted wherever they appear.
 */
export declare function createLogger(level: string, destination?: NodeJS.WritableStream): Logger;
