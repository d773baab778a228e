import { authorize, Permission } from '../auth/permissions.js';
import { Region } from './region.entity.js';
export class RegionService {
    async list(ctx) {
        const viewer = authorize(ctx.viewer, Permission.READ);
        return ctx.em.find(Region, { account: viewer.accountId }, { orderBy: { code: 'asc' } });
    }
}
//# sourceMappingURL=region.service.js.map