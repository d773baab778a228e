import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
import type { AuditService } from '../audit/audit.service.js';
import { API_TOKEN_PREFIX } from '../auth/auth.service.js';
import { assertMayGrant, authorize, Permission } from '../auth/permissions.js';
import { hashSecret, newSecret } from '../auth/tokens.js';
import { badInput, notFound } from '../common/errors.js';
import { keysetPage, OrderDirection, type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import type { ViewerChangedEvent } from '../events/topics.js';
import { ApiToken } from './api-token.entity.js';
import type { CreateApiTokenInput } from './api-token.inputs.js';

const tokenSnapshot = (t: ApiToken) => ({
  name: t.name,
  role: t.role,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

/** API tokens for integrations; administrators create, list and revoke them. */
export class ApiTokenService {
  constructor(
    private readonly audit: AuditService,
    /** Called after a revocation commits, so that open subscriptions using the token, on every replica, end at their next event. */
    private readonly viewerChanged: (change: ViewerChangedEvent) => Promise<void>,
  ) {}

  async list(ctx: RequestContext, page: PageRequest): Promise<Page<ApiToken>> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_USERS);
    const qb = ctx.em.createQueryBuilder(ApiToken, 't').where({ account: viewer.accountId });
    return keysetPage(
      qb,
      't',
      { name: 'CREATED_AT', property: 'createdAt', column: 'created_at', cast: 'timestamptz', valueOf: (t) => t.createdAt },
      OrderDirection.DESC,
      page,
    );
  }

  /** The secret is returned here and nowhere else. */
  async create(ctx: RequestContext, input: CreateApiTokenInput): Promise<{ apiToken: ApiToken; secret: string }> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_USERS);
    assertMayGrant(viewer, input.role);
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw badInput('expiresAt is in the past; give a future time, or none for a token that lasts until revoked.', {
        field: 'expiresAt',
      });
    }
    const secret = newSecret(API_TOKEN_PREFIX);
    const apiToken = new ApiToken();
    apiToken.account = ctx.em.getReference(Account, viewer.accountId, { wrapped: true });
    apiToken.name = input.name.trim() || 'API token';
    apiToken.role = input.role;
    apiToken.createdBy = ctx.em.getReference(User, viewer.userId, { wrapped: true });
    apiToken.tokenHash = hashSecret(secret);
    apiToken.expiresAt = input.expiresAt ?? null;
    await ctx.em.transactional(async (tx) => {
      tx.persist(apiToken);
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'CREATE_API_TOKEN',
        targetType: 'ApiToken',
        targetId: apiToken.id,
        after: tokenSnapshot(apiToken),
      });
    });
    return { apiToken, secret };
  }

  /** Refused from the next request on, and open subscriptions using it end. Revoking twice changes nothing. */
  async revoke(ctx: RequestContext, id: string): Promise<ApiToken> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_USERS);
    const apiToken = await ctx.em.transactional(async (tx) => {
      const token = await tx.findOne(ApiToken, { id, account: viewer.accountId });
      if (!token) throw notFound('API token', id);
      if (token.revokedAt) return token;
      const before = tokenSnapshot(token);
      token.revokedAt = new Date();
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'REVOKE_API_TOKEN',
        targetType: 'ApiToken',
        targetId: token.id,
        before,
        after: tokenSnapshot(token),
      });
      return token;
    });
    await this.viewerChanged({ accountId: viewer.accountId, credentialId: apiToken.id, userId: null });
    return apiToken;
  }
}
