export declare function isUuid(value: string): boolean;
/** Ids are UUIDs; anything else is a client mistake, reported before any SQL runs. */
export declare function assertId(value: string, field: string): string;
