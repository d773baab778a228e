import { ErrorCode } from '@hss/schema';
/** Codes Apollo and graphql-js assign to malformed requests; they describe the client's mistake. */
const REQUEST_ERROR_CODES = new Set([
    'GRAPHQL_PARSE_FAILED',
    'GRAPHQL_VALIDATION_FAILED',
    'BAD_REQUEST',
    'PERSISTED_QUERY_NOT_FOUND',
    'PERSISTED_QUERY_NOT_SUPPORTED',
    'OPERATION_RESOLUTION_FAILURE',
]);
const CONTRACT_CODES = new Set(Object.values(ErrorCode));
/**
 * The one place where errors become what a client sees. Contract errors and request errors
 * pass; type-graphql's argument validation becomes BAD_USER_INPUT with the failed constraints;
 * anything else is masked and logged with the request id, so no stack or SQL ever leaves.
 */
export function formatError(formatted, error, log, requestId) {
    const code = formatted.extensions?.code;
    const original = error?.originalError;
    const validationErrors = formatted.extensions?.validationErrors;
    if (Array.isArray(validationErrors)) {
        // type-graphql's ArgumentValidationError: report the constraints, never echo the input back.
        const details = validationErrors;
        const problems = flattenValidation(details);
        return {
            message: `Invalid input: ${problems.join('; ') || 'check the arguments'}.`,
            locations: formatted.locations,
            path: formatted.path,
            extensions: { code: ErrorCode.BAD_USER_INPUT, problems },
        };
    }
    if (typeof code === 'string' && (CONTRACT_CODES.has(code) || REQUEST_ERROR_CODES.has(code))) {
        const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
        return { ...formatted, message: clipEchoedValues(formatted.message), extensions };
    }
    log.error({ err: original ?? error, requestId, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
        message: `Internal server error. Quote request id ${requestId} when reporting it.`,
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
}
/** A quoted value longer than this is cut: graphql-js quotes the offending variable value in full. */
const LONG_QUOTED = /"((?:[^"\\]|\\.){64})(?:[^"\\]|\\.)+"/g;
const MAX_MESSAGE = 2000;
/** Never send a client's 100 kB string back: clip long quoted values, then the message. */
function clipEchoedValues(message) {
    const clipped = message.replace(LONG_QUOTED, '"$1…"');
    return clipped.length > MAX_MESSAGE ? `${clipped.slice(0, MAX_MESSAGE)}…` : clipped;
}
function flattenValidation(errors, prefix = '') {
    const out = [];
    for (const e of errors) {
        const path = prefix ? `${prefix}.${e.property}` : e.property;
        for (const message of Object.values(e.constraints ?? {}))
            out.push(message.replace(e.property, path));
        if (e.children?.length)
            out.push(...flattenValidation(e.children, path));
    }
    return out;
}
//# sourceMappingURL=errors.js.map