import type { RequestContext } from '../common/request-context.js';
import { Region } from './region.entity.js';
export declare class RegionService {
    list(ctx: RequestContext): Promise<Region[]>;
}
