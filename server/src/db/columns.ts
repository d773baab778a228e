import { randomUUID } from 'node:crypto';

/**
 * Shared column helpers so that every table spells ids and timestamps the same way. They are
 * functions because MikroORM writes into the options object it is given.
 */
export const uuid = () => randomUUID();
export const timestamp = () => ({ type: 'datetime', columnType: 'timestamptz' }) as const;
export const nullableTimestamp = () => ({ type: 'datetime', columnType: 'timestamptz', nullable: true }) as const;
