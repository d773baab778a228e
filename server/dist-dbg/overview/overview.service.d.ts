import type { RequestContext } from '../common/request-context.js';
import { Overview } from './overview.types.js';
export declare class OverviewService {
    overview(ctx: RequestContext, regionId: string | null | undefined, now?: Date): Promise<Overview>;
}
