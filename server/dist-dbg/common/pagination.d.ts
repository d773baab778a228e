import type { QueryBuilder } from '@mikro-orm/postgresql';
export declare enum OrderDirection {
    ASC = "ASC",
    DESC = "DESC"
}
export interface PageRequest {
    first: number;
    after?: string | null | undefined;
}
export interface Page<T> {
    nodes: T[];
    cursors: string[];
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    totalCount: number;
}
/** One way to order a list: the API name, the SQL column and how a row yields its value. */
export interface SortKey<T> {
    name: string;
    /** Entity property (for ORDER BY through the ORM) and its SQL column (for the keyset). */
    property: string;
    column: string;
    cast: 'text' | 'int' | 'timestamptz';
    valueOf: (row: T) => string | number | Date;
}
/**
 * Keyset pagination over (sort column, id): a page costs one index walk wherever it starts,
 * and rows inserted meanwhile never shift a page. `qb` carries the filters; the total is
 * counted with the same filters in a second statement.
 */
export declare function keysetPage<T extends {
    id: string;
}>(qb: QueryBuilder<T>, alias: string, sort: SortKey<T>, direction: OrderDirection, page: PageRequest): Promise<Page<T>>;
