import { QuotaStatus } from '@hss/schema';
import { IsOptional, ValidateNested } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../accounts/region.entity.js';
import type { RequestContext } from '../common/request-context.js';
import { Edition } from '../editions/edition.entity.js';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { Server } from '../servers/server.entity.js';
import { Quota } from './quota.entity.js';
import { PurchaseQuotasInput, PurchaseQuotasPayload, QuotaFilter } from './quota.inputs.js';
import type { QuotaService } from './quota.service.js';
import { effectiveQuotaStatus } from './quota-status.js';

export const QuotaConnection = ConnectionType(Quota, 'Quota');

@ArgsType()
class QuotasArgs extends PageArgs {
  @Field(() => QuotaFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: QuotaFilter | null;
}

@Resolver(() => Quota)
export class QuotaResolver {
  constructor(private readonly quotaService: QuotaService) {}

  @Query(() => QuotaConnection, { description: 'Quotas, oldest purchase first.' })
  async quotas(@Args(() => QuotasArgs) args: QuotasArgs, @Ctx() ctx: RequestContext) {
    return toConnection(await this.quotaService.list(ctx, args.filter ?? {}, args));
  }

  @Query(() => Quota)
  quota(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Quota> {
    return this.quotaService.get(ctx, id);
  }

  @Mutation(() => PurchaseQuotasPayload, { description: 'Buys YEARLY_MONTHLY quotas; they start IDLE.' })
  async purchaseQuotas(
    @Arg('input', () => PurchaseQuotasInput) input: PurchaseQuotasInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PurchaseQuotasPayload> {
    return { quotas: await this.quotaService.purchase(ctx, input) };
  }

  @FieldResolver(() => QuotaStatus, { description: 'EXPIRED from the moment the validity ends.' })
  status(@Root() quota: Quota): QuotaStatus {
    return effectiveQuotaStatus(quota, new Date());
  }

  @FieldResolver(() => Edition)
  edition(@Root() quota: Quota, @Ctx() ctx: RequestContext): Promise<Edition | null> {
    return ctx.loaders.editionByCode.load(quota.edition.code);
  }

  @FieldResolver(() => Region)
  region(@Root() quota: Quota, @Ctx() ctx: RequestContext): Promise<Region | null> {
    return ctx.loaders.regionById.load(quota.region.id);
  }

  @FieldResolver(() => Server, { nullable: true, description: 'The server the quota is bound to.' })
  async server(@Root() quota: Quota, @Ctx() ctx: RequestContext): Promise<Server | null> {
    return quota.server ? ctx.loaders.serverById.load(quota.server.id) : null;
  }
}
