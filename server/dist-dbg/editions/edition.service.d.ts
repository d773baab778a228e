import type { RequestContext } from '../common/request-context.js';
import { Edition } from './edition.entity.js';
export declare class EditionService {
    list(ctx: RequestContext): Promise<Edition[]>;
}
