import { AlarmStatus, AlarmType, Severity } from '@hss/schema';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class AlarmFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  serverId?: string;

  @Field(() => [Severity], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  severity?: Severity[];

  @Field(() => [AlarmStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  status?: AlarmStatus[];

  @Field(() => [AlarmType], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  type?: AlarmType[];
}
