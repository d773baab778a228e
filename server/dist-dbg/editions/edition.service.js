import { authorize, Permission } from '../auth/permissions.js';
import { Edition } from './edition.entity.js';
export class EditionService {
    async list(ctx) {
        authorize(ctx.viewer, Permission.READ);
        return ctx.em.find(Edition, {}, { orderBy: { rank: 'asc' } });
    }
}
//# sourceMappingURL=edition.service.js.map