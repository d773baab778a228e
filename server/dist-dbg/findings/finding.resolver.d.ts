import type { RequestContext } from '../common/request-context.js';
import { PageArgs } from '../graphql/connection.js';
import { Server } from '../servers/server.entity.js';
import { Finding } from './finding.entity.js';
import { FindingFilter } from './finding.inputs.js';
import type { FindingService } from './finding.service.js';
export declare const FindingConnection: import("type-graphql").ClassType<import("../graphql/connection.js").Connection<Finding>>;
declare class FindingsArgs extends PageArgs {
    filter?: FindingFilter | null;
}
export declare class FindingResolver {
    private readonly findingService;
    constructor(findingService: FindingService);
    findings(args: FindingsArgs, ctx: RequestContext): Promise<import("../graphql/connection.js").Connection<Finding>>;
    server(finding: Finding, ctx: RequestContext): Promise<Server | null>;
}
export {};
