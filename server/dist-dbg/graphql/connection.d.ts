import { type ClassType } from 'type-graphql';
import type { Page } from '../common/pagination.js';
export declare class PageInfo {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
}
export interface Connection<T> {
    edges: {
        cursor: string;
        node: T;
    }[];
    pageInfo: PageInfo;
    totalCount: number;
}
/** A Relay connection type named `<name>Connection` with `<name>Edge` edges. */
export declare function ConnectionType<T extends object>(node: ClassType<T>, name: string): ClassType<Connection<T>>;
export declare function toConnection<T>(page: Page<T>): Connection<T>;
export declare const MAX_PAGE_SIZE = 100;
export declare class PageArgs {
    first: number;
    after?: string | null;
}
