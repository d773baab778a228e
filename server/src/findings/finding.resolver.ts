import { IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { Server } from '../servers/server.entity.js';
import { Finding } from './finding.entity.js';
import { FindingFilter, FindingTrendPoint, HandleFindingsInput, HandleFindingsPayload } from './finding.inputs.js';
import type { FindingService } from './finding.service.js';

export const FindingConnection = ConnectionType(Finding, 'Finding');

@ArgsType()
class FindingsArgs extends PageArgs {
  @Field(() => FindingFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: FindingFilter | null;
}

@ArgsType()
class FindingTrendArgs {
  @Field(() => Int, { defaultValue: 14, description: 'How many days back, today included (1 to 90).' })
  @Min(1)
  @Max(90)
  days = 14;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  regionId?: string | null;
}

@Resolver(() => Finding)
export class FindingResolver {
  constructor(private readonly findingService: FindingService) {}

  @Query(() => FindingConnection, { description: 'Findings, most recently seen first.' })
  async findings(@Args(() => FindingsArgs) args: FindingsArgs, @Ctx() ctx: RequestContext) {
    return toConnection(await this.findingService.list(ctx, args.filter ?? {}, args));
  }

  @Query(() => [FindingTrendPoint], { description: 'Open findings by severity at the end of each recent day, oldest first.' })
  findingTrend(@Args(() => FindingTrendArgs) args: FindingTrendArgs, @Ctx() ctx: RequestContext) {
    return this.findingService.trend(ctx, args.days, args.regionId);
  }

  @Mutation(() => HandleFindingsPayload, { description: 'Marks findings HANDLED or IGNORED, or reopens them.' })
  async handleFindings(
    @Arg('input', () => HandleFindingsInput) input: HandleFindingsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<HandleFindingsPayload> {
    return { findings: await this.findingService.handleFindings(ctx, input) };
  }

  @FieldResolver(() => Server)
  server(@Root() finding: Finding, @Ctx() ctx: RequestContext): Promise<Server | null> {
    return ctx.loaders.serverById.load(finding.server.id);
  }
}
