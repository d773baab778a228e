import type { MessageType, Payloads } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgentIdentity } from '../agents/agent.service.js';
import { type DetectionChange } from './risk.js';
type ScanReport = Payloads[MessageType.FINDINGS];
import { type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { Finding } from './finding.entity.js';
import type { FindingFilter } from './finding.inputs.js';
export declare class FindingService {
    /** Newest first: what a person wants to see on top. */
    list(ctx: RequestContext, filter: FindingFilter, page: PageRequest): Promise<Page<Finding>>;
    /**
     * Stores the full result of one scan: findings are upserted by fingerprint (new → OPEN, seen
     * again → updated, FIXED and seen again → OPEN), open ones missing from the scan become FIXED,
     * and those a person handled or ignored stay so. Returns null for a resent message.
     */
    ingestScanReport(em: EntityManager, identity: AgentIdentity, messageId: string, report: ScanReport): Promise<DetectionChange[] | null>;
}
export {};
