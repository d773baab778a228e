import { randomUUID } from 'node:crypto';
/**
 * Timestamps are kept to the millisecond, as JavaScript dates and cursors carry them: a row
 * stored with microseconds could not be found again by a keyset cursor.
 *
 * Shared column helpers so that every table spells ids and timestamps the same way. They are
 * functions because MikroORM writes into the options object it is given.
 */
export const uuid = () => randomUUID();
export const timestamp = () => ({ type: 'datetime', columnType: 'timestamptz(3)' });
export const nullableTimestamp = () => ({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true });
//# sourceMappingURL=columns.js.map