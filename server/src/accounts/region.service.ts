import { authorize, Permission } from '../auth/permissions.js';
import type { RequestContext } from '../common/request-context.js';
import { Region } from './region.entity.js';

export class RegionService {
  async list(ctx: RequestContext): Promise<Region[]> {
    const viewer = authorize(ctx.viewer, Permission.READ);
    return ctx.em.find(Region, { account: viewer.accountId }, { orderBy: { code: 'asc' } });
  }
}
