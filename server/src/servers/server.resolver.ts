import { AgentOfflineReason, AgentStatus } from '@hss/schema';
import { ArrayMaxSize, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { Region } from '../accounts/region.entity.js';
import { Agent } from '../agents/agent.entity.js';
import type { RequestContext } from '../common/request-context.js';
import { Edition } from '../editions/edition.entity.js';
import { type AgentStatusChangedEvent, type ServerChangedEvent, Topic } from '../events/topics.js';
import { FindingCounts } from '../findings/finding-counts.js';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { subscribeScoped } from '../graphql/subscriptions.js';
import { Quota } from '../quotas/quota.entity.js';
import { Server } from './server.entity.js';
import { RegisterServersInput, RegisterServersPayload, ServerFilter, ServerOrder, ServerOrderField } from './server.inputs.js';
import type { ServerService } from './server.service.js';

export const ServerConnection = ConnectionType(Server, 'Server');

@ArgsType()
class ServersArgs extends PageArgs {
  @Field(() => ServerFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ServerFilter | null;

  @Field(() => ServerOrder, { nullable: true, description: 'Default: NAME ascending.' })
  orderBy?: ServerOrder | null;
}

@ArgsType()
class AgentStatusChangedArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  regionId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only these servers; all servers of the region when omitted.' })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsUUID(undefined, { each: true })
  serverIds?: string[] | null;
}

@ObjectType({ description: "A change of a server's agent status." })
export class AgentStatusChange {
  @Field(() => ID) serverId!: string;
  @Field(() => AgentStatus) status!: AgentStatus;
  @Field(() => AgentOfflineReason, { nullable: true }) offlineReason!: AgentOfflineReason | null;
  @Field(() => Date) since!: Date;
  @Field(() => Server) server!: Server;
}

@Resolver(() => Server)
export class ServerResolver {
  constructor(private readonly serverService: ServerService) {}

  @Query(() => ServerConnection)
  async servers(@Args(() => ServersArgs) args: ServersArgs, @Ctx() ctx: RequestContext) {
    const order = args.orderBy ?? Object.assign(new ServerOrder(), { field: ServerOrderField.NAME });
    return toConnection(await this.serverService.list(ctx, args.filter ?? {}, order, args));
  }

  @Query(() => Server)
  server(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Server> {
    return this.serverService.get(ctx, id);
  }

  @Mutation(() => RegisterServersPayload, { description: 'Pre-registers servers that have no agent yet (NOT_INSTALLED).' })
  async registerServers(
    @Arg('input', () => RegisterServersInput) input: RegisterServersInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RegisterServersPayload> {
    return { servers: await this.serverService.register(ctx, input) };
  }

  @FieldResolver(() => Region)
  async region(@Root() server: Server, @Ctx() ctx: RequestContext): Promise<Region | null> {
    return ctx.loaders.regionById.load(server.region.id);
  }

  @FieldResolver(() => Agent, { nullable: true })
  agent(@Root() server: Server, @Ctx() ctx: RequestContext): Promise<Agent | null> {
    return ctx.loaders.agentByServerId.load(server.id);
  }

  @FieldResolver(() => Edition, { nullable: true, description: 'The edition protecting the server.' })
  async edition(@Root() server: Server, @Ctx() ctx: RequestContext): Promise<Edition | null> {
    return server.edition ? ctx.loaders.editionByCode.load(server.edition.code) : null;
  }

  @FieldResolver(() => Quota, { nullable: true, description: 'The quota bound to the server.' })
  quota(@Root() server: Server, @Ctx() ctx: RequestContext): Promise<Quota | null> {
    return ctx.loaders.quotaByServerId.load(server.id);
  }

  @FieldResolver(() => FindingCounts)
  async openFindings(@Root() server: Server, @Ctx() ctx: RequestContext): Promise<FindingCounts> {
    return (await ctx.loaders.openFindingCountsByServerId.load(server.id)) ?? new FindingCounts();
  }

  @Subscription(() => Server, {
    description: 'A server after a change of its protection, registration or quota; fires after the change commits.',
    subscribe: ({ args, context }) =>
      subscribeScoped(context as RequestContext, Topic.SERVER_CHANGED, { regionId: args.regionId }),
  })
  serverChanged(
    @Root() event: ServerChangedEvent,
    @Arg('regionId', () => ID, { nullable: true }) _regionId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Server> {
    ctx.renew();
    return this.serverService.get(ctx, event.serverId);
  }

  @Subscription(() => AgentStatusChange, {
    description: 'Agent status changes (ONLINE, OFFLINE with a reason), after they commit.',
    subscribe: ({ args, context }) => {
      const only = args.serverIds?.length ? new Set<string>(args.serverIds) : null;
      return subscribeScoped(context as RequestContext, Topic.AGENT_STATUS_CHANGED, {
        regionId: args.regionId,
        serverIds: args.serverIds,
        accept: (event) => !only || only.has(event.serverId),
      });
    },
  })
  async agentStatusChanged(
    @Root() event: AgentStatusChangedEvent,
    @Args(() => AgentStatusChangedArgs) _args: AgentStatusChangedArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<AgentStatusChange> {
    ctx.renew();
    return {
      serverId: event.serverId,
      status: event.status,
      offlineReason: event.offlineReason,
      since: new Date(event.since),
      server: await this.serverService.get(ctx, event.serverId),
    };
  }
}
