import type { RequestContext } from '../common/request-context.js';
import type { OverviewService } from './overview.service.js';
import { Overview } from './overview.types.js';
export declare class OverviewResolver {
    private readonly overviews;
    constructor(overviews: OverviewService);
    overview(regionId: string | null, ctx: RequestContext): Promise<Overview>;
}
