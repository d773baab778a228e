import { Region } from '../accounts/region.entity.js';
import type { RequestContext } from '../common/request-context.js';
import { Server } from '../servers/server.entity.js';
import { Agent } from './agent.entity.js';
import type { AgentService } from './agent.service.js';
export declare class CreateEnrollmentTokenInput {
    regionId: string;
    expiresInHours?: number | null;
}
export declare class CreateEnrollmentTokenPayload {
    token: string;
    expiresAt: Date;
    region: Region;
}
export declare class RevokeAgentInput {
    serverId: string;
}
export declare class RevokeAgentPayload {
    server: Server;
}
export declare class AgentResolver {
    private readonly agentService;
    constructor(agentService: AgentService);
    createEnrollmentToken(input: CreateEnrollmentTokenInput, ctx: RequestContext): Promise<CreateEnrollmentTokenPayload>;
    revokeAgent(input: RevokeAgentInput, ctx: RequestContext): Promise<RevokeAgentPayload>;
    server(agent: Agent, ctx: RequestContext): Promise<Server | null>;
}
