import { FindingStatus, FindingType, Severity } from '@hss/schema';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class FindingFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  serverId?: string;

  @Field(() => [Severity], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  severity?: Severity[];

  @Field(() => [FindingStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  status?: FindingStatus[];

  @Field(() => [FindingType], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  type?: FindingType[];
}
