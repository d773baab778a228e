import { BillingMode, EditionCode } from '@hss/schema';
import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Quota } from '../quotas/quota.entity.js';
import { ScanTask } from '../scans/scan-task.entity.js';
import { Server } from '../servers/server.entity.js';

@InputType()
export class EnableProtectionInput {
  @Field(() => ID)
  @IsUUID()
  serverId!: string;

  @Field(() => EditionCode)
  edition!: EditionCode;

  @Field(() => BillingMode)
  billingMode!: BillingMode;

  @Field(() => ID, {
    nullable: true,
    description: 'YEARLY_MONTHLY only: the quota to bind. Omit it for "any quota": the idle one that stays valid longest.',
  })
  @IsOptional()
  @IsUUID()
  quotaId?: string | null;

  @Field(() => Boolean, { description: 'The HSS disclaimer must be accepted.' })
  acceptDisclaimer!: boolean;
}

@InputType()
export class DisableProtectionInput {
  @Field(() => ID)
  @IsUUID()
  serverId!: string;
}

@InputType()
export class BindQuotaInput {
  @Field(() => ID)
  @IsUUID()
  quotaId!: string;

  @Field(() => ID)
  @IsUUID()
  serverId!: string;
}

@InputType()
export class UnbindQuotaInput {
  @Field(() => ID)
  @IsUUID()
  quotaId!: string;
}

@ObjectType()
export class EnableProtectionPayload {
  @Field(() => Server) server!: Server;
  @Field(() => Quota, { nullable: true, description: 'The bound quota; null for ON_DEMAND.' }) quota!: Quota | null;
  @Field(() => ScanTask, { description: 'The full detection started by enabling.' }) scanTask!: ScanTask;
}

@ObjectType()
export class DisableProtectionPayload {
  @Field(() => Server) server!: Server;
  @Field(() => Quota, { nullable: true, description: 'The quota returned to the pool, now IDLE.' }) releasedQuota!: Quota | null;
}

@ObjectType()
export class BindQuotaPayload {
  @Field(() => Quota) quota!: Quota;
  @Field(() => Server) server!: Server;
  @Field(() => ScanTask) scanTask!: ScanTask;
}

@ObjectType()
export class UnbindQuotaPayload {
  @Field(() => Quota) quota!: Quota;
  @Field(() => Server) server!: Server;
}
