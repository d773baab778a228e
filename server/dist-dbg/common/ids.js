import { badInput } from './errors.js';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value) {
    return UUID.test(value);
}
/** Ids are UUIDs; anything else is a client mistake, reported before any SQL runs. */
export function assertId(value, field) {
    if (!isUuid(value))
        throw badInput(`${field} "${value.slice(0, 64)}" is not a valid id (expected a UUID).`, { field });
    return value.toLowerCase();
}
//# sourceMappingURL=ids.js.map