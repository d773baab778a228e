import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../common/request-context.js';
export interface AuditEntry {
    action: string;
    targetType: string;
    targetId: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
}
/** Writes audit rows inside the caller's transaction, so they commit or roll back with it. */
export declare class AuditService {
    record(tx: EntityManager, ctx: RequestContext | null, accountId: string, entry: AuditEntry): void;
}
