import type { MigrationObject } from '@mikro-orm/core';
/**
 * Migrations are listed here rather than discovered on disk, so that the same list runs from
 * the compiled `dist/` and from TypeScript sources under test. Append new ones in order.
 */
export declare const MIGRATIONS: MigrationObject[];
