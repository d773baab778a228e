import type { EntityManager } from '@mikro-orm/postgresql';
/**
 * Records that an agent message is being stored, inside the transaction that stores it. False
 * when it was stored before: a resent report is acknowledged again but never stored twice. A
 * concurrent duplicate waits on the first one's row lock and then sees it.
 */
export declare function firstDelivery(tx: EntityManager, agentId: string, messageId: string): Promise<boolean>;
/** Forgets message ids older than `days`; agents resend within hours, not weeks. */
export declare function pruneAgentMessages(em: EntityManager, days?: number): Promise<number>;
