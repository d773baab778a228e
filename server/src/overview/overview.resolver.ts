import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import type { OverviewService } from './overview.service.js';
import { Overview } from './overview.types.js';

@Resolver()
export class OverviewResolver {
  constructor(private readonly overviews: OverviewService) {}

  @Query(() => Overview)
  overview(
    @Arg('regionId', () => ID, { nullable: true }) regionId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Overview> {
    return this.overviews.overview(ctx, regionId);
  }
}
