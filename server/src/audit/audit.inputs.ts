import { ArrayMaxSize, IsDate, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only what this user did.' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @Field(() => ID, { nullable: true, description: 'Only what was done with this API token.' })
  @IsOptional()
  @IsUUID()
  apiTokenId?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(64, { each: true })
  action?: string[];

  @Field(() => String, { nullable: true, description: 'e.g. Server, Quota, Region.' })
  @IsOptional()
  @MaxLength(64)
  targetType?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  targetId?: string;

  @Field(() => Date, { nullable: true, description: 'From this time on (inclusive).' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Before this time.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}
