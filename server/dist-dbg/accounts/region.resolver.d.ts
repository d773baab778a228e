import type { RequestContext } from '../common/request-context.js';
import { Region } from './region.entity.js';
import type { RegionService } from './region.service.js';
export declare class RegionResolver {
    private readonly regionService;
    constructor(regionService: RegionService);
    regions(ctx: RequestContext): Promise<Region[]>;
}
