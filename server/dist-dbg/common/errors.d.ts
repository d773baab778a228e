import { ErrorCode } from '@hss/schema';
import { GraphQLError } from 'graphql';
/**
 * An error the API returns on purpose: a code from the contract and a message that tells the
 * user what to do. Services throw these; the GraphQL layer passes them through unchanged, and
 * everything else is masked (see graphql/errors.ts).
 */
export declare class DomainError extends GraphQLError {
    readonly code: ErrorCode;
    constructor(code: ErrorCode, message: string, details?: Record<string, unknown>);
}
export declare const notFound: (what: string, id: string) => DomainError;
export declare const badInput: (message: string, details?: Record<string, unknown>) => DomainError;
export declare const unauthenticated: () => DomainError;
export declare const forbidden: (action: string, role: string) => DomainError;
