import { AgentOfflineReason, AgentStatus, Architecture, BillingMode, DetectionResult, Hosting, OsType, ProtectionStatus } from '@hss/schema';
import { type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { Edition } from '../editions/edition.entity.js';
/**
 * A protected (or protectable) host. Its three statuses are independent: whether its agent
 * talks to us, whether protection is on, and what the last detection found.
 *
 * The composite indexes serve the `servers` connection: every list is scoped to an account and
 * usually a region, filtered by one status and walked in (sort key, id) order.
 */
export declare class Server {
    id: string;
    account: Ref<Account>;
    region: Ref<Region>;
    name: string;
    hostname: string;
    ips: string[];
    osType: OsType;
    osName: string | null;
    osVersion: string | null;
    architecture: Architecture | null;
    hosting: Hosting;
    group: string | null;
    /** /etc/machine-id as reported by the agent; matches a re-enrolling host to its server. */
    machineId: string | null;
    agentStatus: AgentStatus;
    agentOfflineReason: AgentOfflineReason | null;
    agentStatusSince: Date;
    protectionStatus: ProtectionStatus;
    protectionInterruptedCause: string | null;
    detectionResult: DetectionResult;
    /** The edition protecting the server; null while unprotected. */
    edition: Ref<Edition> | null;
    billingMode: BillingMode | null;
    /** Set once, when the free basic-edition on-demand trial starts; a server gets one trial. */
    trialEndsAt: Date | null;
    /**
     * Weighted count of open findings (see findings/risk.ts); kept on the row so that ordering
     * by risk is an index walk.
     */
    riskScore: number;
    inventoryAt: Date | null;
    lastScanAt: Date | null;
    /** Lower-cased name, hostname and IPs, for the trigram-indexed text search. */
    searchText: string;
    createdAt: Date;
    updatedAt: Date;
    refreshSearchText(): void;
}
