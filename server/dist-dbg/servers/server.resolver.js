var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { AgentOfflineReason, AgentStatus } from '@hss/schema';
import { ArrayMaxSize, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root, Subscription, } from 'type-graphql';
import { Region } from '../accounts/region.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Edition } from '../editions/edition.entity.js';
import { Topic } from '../events/topics.js';
import { FindingCounts } from '../findings/finding-counts.js';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { subscribeScoped } from '../graphql/subscriptions.js';
import { Quota } from '../quotas/quota.entity.js';
import { Server } from './server.entity.js';
import { RegisterServersInput, RegisterServersPayload, ServerFilter, ServerOrder, ServerOrderField } from './server.inputs.js';
export const ServerConnection = ConnectionType(Server, 'Server');
let ServersArgs = class ServersArgs extends PageArgs {
};
__decorate([
    Field(() => ServerFilter, { nullable: true }),
    IsOptional(),
    ValidateNested(),
    __metadata("design:type", Object)
], ServersArgs.prototype, "filter", void 0);
__decorate([
    Field(() => ServerOrder, { nullable: true, description: 'Default: NAME ascending.' }),
    __metadata("design:type", Object)
], ServersArgs.prototype, "orderBy", void 0);
ServersArgs = __decorate([
    ArgsType()
], ServersArgs);
let AgentStatusChangedArgs = class AgentStatusChangedArgs {
};
__decorate([
    Field(() => ID, { nullable: true }),
    IsOptional(),
    IsUUID(),
    __metadata("design:type", Object)
], AgentStatusChangedArgs.prototype, "regionId", void 0);
__decorate([
    Field(() => [ID], { nullable: true, description: 'Only these servers; all servers of the region when omitted.' }),
    IsOptional(),
    ArrayMaxSize(1000),
    IsUUID(undefined, { each: true }),
    __metadata("design:type", Object)
], AgentStatusChangedArgs.prototype, "serverIds", void 0);
AgentStatusChangedArgs = __decorate([
    ArgsType()
], AgentStatusChangedArgs);
let AgentStatusChange = class AgentStatusChange {
};
__decorate([
    Field(() => ID),
    __metadata("design:type", String)
], AgentStatusChange.prototype, "serverId", void 0);
__decorate([
    Field(() => AgentStatus),
    __metadata("design:type", String)
], AgentStatusChange.prototype, "status", void 0);
__decorate([
    Field(() => AgentOfflineReason, { nullable: true }),
    __metadata("design:type", Object)
], AgentStatusChange.prototype, "offlineReason", void 0);
__decorate([
    Field(() => Date),
    __metadata("design:type", Date)
], AgentStatusChange.prototype, "since", void 0);
__decorate([
    Field(() => Server),
    __metadata("design:type", Server)
], AgentStatusChange.prototype, "server", void 0);
AgentStatusChange = __decorate([
    ObjectType({ description: "A change of a server's agent status." })
], AgentStatusChange);
export { AgentStatusChange };
let ServerResolver = class ServerResolver {
    constructor(serverService) {
        this.serverService = serverService;
    }
    async servers(args, ctx) {
        const order = args.orderBy ?? Object.assign(new ServerOrder(), { field: ServerOrderField.NAME });
        return toConnection(await this.serverService.list(ctx, args.filter ?? {}, order, args));
    }
    server(id, ctx) {
        return this.serverService.get(ctx, id);
    }
    async registerServers(input, ctx) {
        return { servers: await this.serverService.register(ctx, input) };
    }
    async region(server, ctx) {
        return ctx.loaders.regionById.load(server.region.id);
    }
    agent(server, ctx) {
        return ctx.loaders.agentByServerId.load(server.id);
    }
    async edition(server, ctx) {
        return server.edition ? ctx.loaders.editionByCode.load(server.edition.code) : null;
    }
    quota(server, ctx) {
        return ctx.loaders.quotaByServerId.load(server.id);
    }
    async openFindings(server, ctx) {
        return (await ctx.loaders.openFindingCountsByServerId.load(server.id)) ?? new FindingCounts();
    }
    serverChanged(event, _regionId, ctx) {
        ctx.renew();
        return this.serverService.get(ctx, event.serverId);
    }
    async agentStatusChanged(event, _args, ctx) {
        ctx.renew();
        return {
            serverId: event.serverId,
            status: event.status,
            offlineReason: event.offlineReason,
            since: new Date(event.since),
            server: await this.serverService.get(ctx, event.serverId),
        };
    }
};
__decorate([
    Query(() => ServerConnection),
    __param(0, Args(() => ServersArgs)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ServersArgs, Function]),
    __metadata("design:returntype", Promise)
], ServerResolver.prototype, "servers", null);
__decorate([
    Query(() => Server),
    __param(0, Arg('id', () => ID)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Function]),
    __metadata("design:returntype", Promise)
], ServerResolver.prototype, "server", null);
__decorate([
    Mutation(() => RegisterServersPayload, { description: 'Pre-registers servers that have no agent yet (NOT_INSTALLED).' }),
    __param(0, Arg('input', () => RegisterServersInput)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [RegisterServersInput, Function]),
    __metadata("design:returntype", Promise)
], ServerResolver.prototype, "registerServers", null);
__decorate([
    FieldResolver(() => Region),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Server, Function]),
    __metadata("design:returntype", Promise)
], ServerResolver.prototype, "region", null);
__decorate([
    FieldResolver(() => Agent, { nullable: true }),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Server, Function]),
    __metadata("design:returntype", Promise)
], ServerResolver.prototype, "agent", null);
__decorate([
    FieldResolver(() => Edition, { nullable: true, description: 'The edition protecting the server.' }),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Server, Function]),
    __metadata("design:returntype", Promise)
], ServerResolver.prototype, "edition", null);
__decorate([
    FieldResolver(() => Quota, { nullable: true, description: 'The quota bound to the server.' }),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Server, Function]),
    __metadata("design:returntype", Promise)
], ServerResolver.prototype, "quota", null);
__decorate([
    FieldResolver(() => FindingCounts),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Server, Function]),
    __metadata("design:returntype", Promise)
], ServerResolver.prototype, "openFindings", null);
__decorate([
    Subscription(() => Server, {
        description: 'A server after a change of its protection, registration or quota; fires after the change commits.',
        subscribe: ({ args, context }) => subscribeScoped(context, Topic.SERVER_CHANGED, { regionId: args.regionId }),
    }),
    __param(0, Root()),
    __param(1, Arg('regionId', () => ID, { nullable: true })),
    __param(2, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Function]),
    __metadata("design:returntype", Promise)
], ServerResolver.prototype, "serverChanged", null);
__decorate([
    Subscription(() => AgentStatusChange, {
        description: 'Agent status changes (ONLINE, OFFLINE with a reason), after they commit.',
        subscribe: ({ args, context }) => {
            const only = args.serverIds?.length ? new Set(args.serverIds) : null;
            return subscribeScoped(context, Topic.AGENT_STATUS_CHANGED, {
                regionId: args.regionId,
                accept: (event) => !only || only.has(event.serverId),
            });
        },
    }),
    __param(0, Root()),
    __param(1, Args(() => AgentStatusChangedArgs)),
    __param(2, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, AgentStatusChangedArgs, Function]),
    __metadata("design:returntype", Promise)
], ServerResolver.prototype, "agentStatusChanged", null);
ServerResolver = __decorate([
    Resolver(() => Server),
    __metadata("design:paramtypes", [Function])
], ServerResolver);
export { ServerResolver };
//# sourceMappingURL=server.resolver.js.map