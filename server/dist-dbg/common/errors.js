import { ErrorCode } from '@hss/schema';
import { GraphQLError } from 'graphql';
/**
 * An error the API returns on purpose: a code from the contract and a message that tells the
 * user what to do. Services throw these; the GraphQL layer passes them through unchanged, and
 * everything else is masked (see graphql/errors.ts).
 */
export class DomainError extends GraphQLError {
    constructor(code, message, details = {}) {
        super(message, { extensions: { code, ...details } });
        this.code = code;
        this.name = 'DomainError';
    }
}
export const notFound = (what, id) => new DomainError(ErrorCode.NOT_FOUND, `${what} ${id} was not found.`, { id });
export const badInput = (message, details = {}) => new DomainError(ErrorCode.BAD_USER_INPUT, message, details);
export const unauthenticated = () => new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first: send "Authorization: Bearer <token>" from the login mutation.');
export const forbidden = (action, role) => new DomainError(ErrorCode.FORBIDDEN, `Your role ${role} may not ${action}. Ask an administrator for a role that can.`, {
    requiredFor: action,
});
//# sourceMappingURL=errors.js.map