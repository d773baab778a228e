import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
import { ApiToken } from '../api-tokens/api-token.entity.js';
import { authorize, Permission } from '../auth/permissions.js';
import { keysetPage, OrderDirection, type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import type { AuditLogFilter } from './audit.inputs.js';
import { AuditLog } from './audit-log.entity.js';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Who acted, when not the request's viewer (sign-in, where there is no viewer yet). */
  userId?: string | null;
}

/** Writes audit rows inside the caller's transaction, so they commit or roll back with it. */
export class AuditService {
  record(tx: EntityManager, ctx: RequestContext | null, accountId: string, entry: AuditEntry): void {
    const log = new AuditLog();
    log.account = tx.getReference(Account, accountId, { wrapped: true });
    const viewer = ctx?.viewer ?? null;
    const userId = entry.userId !== undefined ? entry.userId : (viewer?.userId ?? null);
    log.user = userId ? tx.getReference(User, userId, { wrapped: true }) : null;
    // The viewer's token, unless the row names someone else as the actor (a sign-in); a user who
    // deleted themself is named by no one, but still acted with the token.
    const viewersAction = !!viewer && (userId === null || userId === viewer.userId);
    log.apiToken =
      viewersAction && viewer.credential.kind === 'API_TOKEN'
        ? tx.getReference(ApiToken, viewer.credential.id, { wrapped: true })
        : null;
    log.action = entry.action;
    log.targetType = entry.targetType;
    log.targetId = entry.targetId;
    log.before = entry.before ?? null;
    log.after = entry.after ?? null;
    log.requestId = ctx?.requestId ?? null;
    tx.persist(log);
  }
}

/** The audit log, newest first; administrators only. */
export class AuditLogReader {
  async list(ctx: RequestContext, filter: AuditLogFilter, page: PageRequest): Promise<Page<AuditLog>> {
    const viewer = authorize(ctx.viewer, Permission.READ_AUDIT);
    const qb = ctx.em.createQueryBuilder(AuditLog, 'l').where({ account: viewer.accountId });
    if (filter.userId) qb.andWhere({ user: filter.userId });
    if (filter.apiTokenId) qb.andWhere({ apiToken: filter.apiTokenId });
    if (filter.action?.length) qb.andWhere({ action: { $in: filter.action } });
    if (filter.targetType) qb.andWhere({ targetType: filter.targetType });
    if (filter.targetId) qb.andWhere({ targetId: filter.targetId });
    if (filter.from) qb.andWhere({ createdAt: { $gte: filter.from } });
    if (filter.to) qb.andWhere({ createdAt: { $lt: filter.to } });
    return keysetPage(
      qb,
      'l',
      { name: 'CREATED_AT', property: 'createdAt', column: 'created_at', cast: 'timestamptz', valueOf: (l) => l.createdAt },
      OrderDirection.DESC,
      page,
    );
  }
}
