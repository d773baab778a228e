import { IsOptional, ValidateNested } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { Server } from '../servers/server.entity.js';
import { Finding } from './finding.entity.js';
import { FindingFilter } from './finding.inputs.js';
import type { FindingService } from './finding.service.js';

export const FindingConnection = ConnectionType(Finding, 'Finding');

@ArgsType()
class FindingsArgs extends PageArgs {
  @Field(() => FindingFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: FindingFilter | null;
}

@Resolver(() => Finding)
export class FindingResolver {
  constructor(private readonly findingService: FindingService) {}

  @Query(() => FindingConnection, { description: 'Findings, most recently seen first.' })
  async findings(@Args(() => FindingsArgs) args: FindingsArgs, @Ctx() ctx: RequestContext) {
    return toConnection(await this.findingService.list(ctx, args.filter ?? {}, args));
  }

  @FieldResolver(() => Server)
  server(@Root() finding: Finding, @Ctx() ctx: RequestContext): Promise<Server | null> {
    return ctx.loaders.serverById.load(finding.server.id);
  }
}
