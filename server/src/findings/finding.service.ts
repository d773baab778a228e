import { authorize, Permission } from '../auth/permissions.js';
import { keysetPage, OrderDirection, type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { Finding } from './finding.entity.js';
import type { FindingFilter } from './finding.inputs.js';

export class FindingService {
  /** Newest first: what a person wants to see on top. */
  async list(ctx: RequestContext, filter: FindingFilter, page: PageRequest): Promise<Page<Finding>> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    const qb = ctx.em.createQueryBuilder(Finding, 'f').where({ account: viewer.accountId });
    if (filter.serverId) qb.andWhere({ server: filter.serverId });
    if (filter.severity?.length) qb.andWhere({ severity: { $in: filter.severity } });
    if (filter.status?.length) qb.andWhere({ status: { $in: filter.status } });
    if (filter.type?.length) qb.andWhere({ type: { $in: filter.type } });
    return keysetPage(
      qb,
      'f',
      { name: 'LAST_SEEN_AT', property: 'lastSeenAt', column: 'last_seen_at', cast: 'timestamptz', valueOf: (f) => f.lastSeenAt },
      OrderDirection.DESC,
      page,
    );
  }
}
