import { authorize, Permission } from '../auth/permissions.js';
import type { RequestContext } from '../common/request-context.js';
import { Edition } from './edition.entity.js';

export class EditionService {
  async list(ctx: RequestContext): Promise<Edition[]> {
    authorize(ctx.viewer, Permission.READ);
    return ctx.em.find(Edition, {}, { orderBy: { rank: 'asc' } });
  }
}
