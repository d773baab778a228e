import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
import { AuditLog } from './audit-log.entity.js';
/** Writes audit rows inside the caller's transaction, so they commit or roll back with it. */
export class AuditService {
    record(tx, ctx, accountId, entry) {
        const log = new AuditLog();
        log.account = tx.getReference(Account, accountId, { wrapped: true });
        log.user = ctx?.viewer ? tx.getReference(User, ctx.viewer.userId, { wrapped: true }) : null;
        log.action = entry.action;
        log.targetType = entry.targetType;
        log.targetId = entry.targetId;
        log.before = entry.before ?? null;
        log.after = entry.after ?? null;
        log.requestId = ctx?.requestId ?? null;
        tx.persist(log);
    }
}
//# sourceMappingURL=audit.service.js.map