import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import { Region } from './region.entity.js';
import type { RegionService } from './region.service.js';

@Resolver(() => Region)
export class RegionResolver {
  constructor(private readonly regionService: RegionService) {}

  @Query(() => [Region])
  regions(@Ctx() ctx: RequestContext): Promise<Region[]> {
    return this.regionService.list(ctx);
  }
}
