import { EditionCode, QuotaStatus } from '@hss/schema';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class AgentStatusCounts {
  @Field(() => Int) notInstalled = 0;
  @Field(() => Int) online = 0;
  @Field(() => Int) offline = 0;
}

@ObjectType()
export class ProtectionStatusCounts {
  @Field(() => Int) enabled = 0;
  @Field(() => Int) disabled = 0;
  @Field(() => Int) interrupted = 0;
}

@ObjectType()
export class DetectionResultCounts {
  @Field(() => Int) risky = 0;
  @Field(() => Int) safe = 0;
  @Field(() => Int) pending = 0;
}

@ObjectType()
export class QuotaCount {
  @Field(() => EditionCode) edition!: EditionCode;
  @Field(() => QuotaStatus) status!: QuotaStatus;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Servers counted by each of their three statuses, and quotas by edition and status.' })
export class Overview {
  @Field(() => Int) serverCount = 0;
  @Field(() => AgentStatusCounts) agentStatus = new AgentStatusCounts();
  @Field(() => ProtectionStatusCounts) protectionStatus = new ProtectionStatusCounts();
  @Field(() => DetectionResultCounts) detectionResult = new DetectionResultCounts();
  @Field(() => [QuotaCount]) quotas: QuotaCount[] = [];
}
