import { authorize, Permission } from '../auth/permissions.js';
import { keysetPage, OrderDirection, type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import { Alarm } from './alarm.entity.js';
import type { AlarmFilter } from './alarm.inputs.js';

export class AlarmService {
  /** Most recent first. */
  async list(ctx: RequestContext, filter: AlarmFilter, page: PageRequest): Promise<Page<Alarm>> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    const qb = ctx.em.createQueryBuilder(Alarm, 'a').where({ account: viewer.accountId });
    if (filter.serverId) qb.andWhere({ server: filter.serverId });
    if (filter.severity?.length) qb.andWhere({ severity: { $in: filter.severity } });
    if (filter.status?.length) qb.andWhere({ status: { $in: filter.status } });
    if (filter.type?.length) qb.andWhere({ type: { $in: filter.type } });
    return keysetPage(
      qb,
      'a',
      { name: 'OCCURRED_AT', property: 'occurredAt', column: 'occurred_at', cast: 'timestamptz', valueOf: (a) => a.occurredAt },
      OrderDirection.DESC,
      page,
    );
  }

  async get(ctx: RequestContext, id: string): Promise<Alarm | null> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    return ctx.em.findOne(Alarm, { id, account: viewer.accountId });
  }
}
