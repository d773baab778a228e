import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
/**
 * The one place where errors become what a client sees. Contract errors and request errors
 * pass; type-graphql's argument validation becomes BAD_USER_INPUT with the failed constraints;
 * anything else is masked and logged with the request id, so no stack or SQL ever leaves.
 */
export declare function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger, requestId: string): GraphQLFormattedError;
