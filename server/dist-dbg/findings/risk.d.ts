import { DetectionResult, ProtectionStatus } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from '../events/event-bus.js';
export interface DetectionChange {
    serverId: string;
    regionId: string;
    detectionResult: DetectionResult;
    protectionStatus: ProtectionStatus;
}
/**
 * Recomputes the risk score and the detection result of `serverIds` in one statement, inside
 * the caller's transaction: RISKY while an open finding or unhandled alarm of MEDIUM or above
 * exists, SAFE once a scan finished without one, PENDING before that or while unprotected.
 * Returns the servers whose detection result changed.
 */
export declare function refreshRiskScores(em: EntityManager, accountId: string, serverIds: string[]): Promise<DetectionChange[]>;
/** After the commit: a server whose detection result changed is a changed server. */
export declare function publishDetectionChanges(events: EventBus, accountId: string, changes: DetectionChange[]): void;
