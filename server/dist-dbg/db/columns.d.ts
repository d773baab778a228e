/**
 * Timestamps are kept to the millisecond, as JavaScript dates and cursors carry them: a row
 * stored with microseconds could not be found again by a keyset cursor.
 *
 * Shared column helpers so that every table spells ids and timestamps the same way. They are
 * functions because MikroORM writes into the options object it is given.
 */
export declare const uuid: () => `${string}-${string}-${string}-${string}-${string}`;
export declare const timestamp: () => {
    readonly type: "datetime";
    readonly columnType: "timestamptz(3)";
};
export declare const nullableTimestamp: () => {
    readonly type: "datetime";
    readonly columnType: "timestamptz(3)";
    readonly nullable: true;
};
