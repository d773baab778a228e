import type { EntityManager } from '@mikro-orm/postgresql';
export declare class FindingCounts {
    critical: number;
    high: number;
    medium: number;
    low: number;
    total: number;
}
/** One GROUP BY for a whole page of servers. */
export declare function loadOpenFindingCounts(em: EntityManager, accountId: string, serverIds: readonly string[]): Promise<FindingCounts[]>;
