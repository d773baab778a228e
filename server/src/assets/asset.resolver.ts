import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import { AutostartItem, HostAccount, HostProcess, ListeningPort, Software } from './asset.entities.js';
import type { InventoryService } from './inventory.service.js';

@ObjectType({ description: 'The latest asset snapshot an agent reported for its server.' })
export class ServerAssets {
  @Field(() => [Software]) software!: Software[];
  @Field(() => [ListeningPort]) ports!: ListeningPort[];
  @Field(() => [HostProcess]) processes!: HostProcess[];
  @Field(() => [HostAccount]) accounts!: HostAccount[];
  @Field(() => [AutostartItem]) autostart!: AutostartItem[];
}

@Resolver(() => ServerAssets)
export class AssetResolver {
  constructor(private readonly inventory: InventoryService) {}

  @Query(() => ServerAssets, { description: 'Software, listening ports, processes, accounts and auto-start items of a server.' })
  serverAssets(@Arg('serverId', () => ID) serverId: string, @Ctx() ctx: RequestContext): Promise<ServerAssets> {
    return this.inventory.assets(ctx, serverId);
  }
}
