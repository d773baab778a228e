import { BillingMode, EditionCode, QuotaStatus } from '@hss/schema';
import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Quota } from './quota.entity.js';

@InputType()
export class QuotaFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => [EditionCode], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  edition?: EditionCode[];

  @Field(() => [QuotaStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  status?: QuotaStatus[];
}

export const MAX_QUOTAS_PER_PURCHASE = 1000;
export const MAX_MONTHS = 36;

@InputType()
export class PurchaseQuotasInput {
  @Field(() => ID)
  @IsUUID()
  regionId!: string;

  @Field(() => EditionCode)
  edition!: EditionCode;

  @Field(() => BillingMode, { description: 'Only YEARLY_MONTHLY quotas are bought; ON_DEMAND is billed per use.' })
  billingMode!: BillingMode;

  @Field(() => Int, { description: `Validity in months, 1–${MAX_MONTHS}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_MONTHS)
  months!: number;

  @Field(() => Int, { description: `How many quotas, 1–${MAX_QUOTAS_PER_PURCHASE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_QUOTAS_PER_PURCHASE)
  count!: number;
}

@ObjectType()
export class PurchaseQuotasPayload {
  @Field(() => [Quota])
  quotas!: Quota[];
}
