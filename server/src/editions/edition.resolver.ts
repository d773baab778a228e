import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import { Edition } from './edition.entity.js';
import type { EditionService } from './edition.service.js';

@Resolver(() => Edition)
export class EditionResolver {
  constructor(private readonly editionService: EditionService) {}

  @Query(() => [Edition], { description: 'The six editions, smallest first, with their features.' })
  editions(@Ctx() ctx: RequestContext): Promise<Edition[]> {
    return this.editionService.list(ctx);
  }
}
