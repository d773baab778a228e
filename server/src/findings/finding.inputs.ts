import { FindingAction, FindingStatus, FindingType, Severity } from '@hss/schema';
import { ArrayMaxSize, ArrayNotEmpty, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Finding } from './finding.entity.js';

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

@InputType()
export class HandleFindingsInput {
  @Field(() => [ID], { description: 'Up to 100 findings of your account.' })
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  findingIds!: string[];

  @Field(() => FindingAction)
  action!: FindingAction;

  @Field(() => String, { nullable: true, description: 'Why; kept in the audit log.' })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}

@ObjectType()
export class HandleFindingsPayload {
  @Field(() => [Finding])
  findings!: Finding[];
}

@ObjectType({ description: 'Findings open at the end of one day (UTC), by severity.' })
export class FindingTrendPoint {
  @Field(() => String, { description: 'The day, YYYY-MM-DD (UTC).' })
  day!: string;
  @Field(() => Int) critical = 0;
  @Field(() => Int) high = 0;
  @Field(() => Int) medium = 0;
  @Field(() => Int) low = 0;
  @Field(() => Int) total = 0;
}
