import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Region } from '../accounts/region.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Edition } from '../editions/edition.entity.js';
import { type FindingCounts } from '../findings/finding-counts.js';
import { Quota } from '../quotas/quota.entity.js';
import { Server } from '../servers/server.entity.js';
/** Orders `rows` like `keys`, with null where a key has no row. */
export declare function alignByKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[];
/**
 * The per-request batch loaders behind every nested field. Each one is one SQL statement per
 * tick however many parents ask, and each is scoped to the caller's account.
 */
export declare class Loaders {
    private readonly em;
    private readonly accountId;
    constructor(em: EntityManager, accountId: string | null);
    private scoped;
    readonly serverById: DataLoader<string, Server | null, string>;
    readonly regionById: DataLoader<string, Region | null, string>;
    readonly editionByCode: DataLoader<string, Edition | null, string>;
    readonly agentByServerId: DataLoader<string, Agent | null, string>;
    readonly quotaByServerId: DataLoader<string, Quota | null, string>;
    readonly openFindingCountsByServerId: DataLoader<string, FindingCounts | null, string>;
}
