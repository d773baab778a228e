import type { RequestContext } from '../common/request-context.js';
import { Edition } from './edition.entity.js';
import type { EditionService } from './edition.service.js';
export declare class EditionResolver {
    private readonly editionService;
    constructor(editionService: EditionService);
    editions(ctx: RequestContext): Promise<Edition[]>;
}
