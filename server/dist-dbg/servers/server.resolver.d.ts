import { AgentOfflineReason, AgentStatus } from '@hss/schema';
import { Region } from '../accounts/region.entity.js';
import { Agent } from '../agents/agent.entity.js';
import type { RequestContext } from '../common/request-context.js';
import { Edition } from '../editions/edition.entity.js';
import { type AgentStatusChangedEvent, type ServerChangedEvent } from '../events/topics.js';
import { FindingCounts } from '../findings/finding-counts.js';
import { PageArgs } from '../graphql/connection.js';
import { Quota } from '../quotas/quota.entity.js';
import { Server } from './server.entity.js';
import { RegisterServersInput, RegisterServersPayload, ServerFilter, ServerOrder } from './server.inputs.js';
import type { ServerService } from './server.service.js';
export declare const ServerConnection: import("type-graphql").ClassType<import("../graphql/connection.js").Connection<Server>>;
declare class ServersArgs extends PageArgs {
    filter?: ServerFilter | null;
    orderBy?: ServerOrder | null;
}
declare class AgentStatusChangedArgs {
    regionId?: string | null;
    serverIds?: string[] | null;
}
export declare class AgentStatusChange {
    serverId: string;
    status: AgentStatus;
    offlineReason: AgentOfflineReason | null;
    since: Date;
    server: Server;
}
export declare class ServerResolver {
    private readonly serverService;
    constructor(serverService: ServerService);
    servers(args: ServersArgs, ctx: RequestContext): Promise<import("../graphql/connection.js").Connection<Server>>;
    server(id: string, ctx: RequestContext): Promise<Server>;
    registerServers(input: RegisterServersInput, ctx: RequestContext): Promise<RegisterServersPayload>;
    region(server: Server, ctx: RequestContext): Promise<Region | null>;
    agent(server: Server, ctx: RequestContext): Promise<Agent | null>;
    edition(server: Server, ctx: RequestContext): Promise<Edition | null>;
    quota(server: Server, ctx: RequestContext): Promise<Quota | null>;
    openFindings(server: Server, ctx: RequestContext): Promise<FindingCounts>;
    serverChanged(event: ServerChangedEvent, _regionId: string | null, ctx: RequestContext): Promise<Server>;
    agentStatusChanged(event: AgentStatusChangedEvent, _args: AgentStatusChangedArgs, ctx: RequestContext): Promise<AgentStatusChange>;
}
export {};
