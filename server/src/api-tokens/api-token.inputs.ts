import { UserRole } from '@hss/schema';
import { IsDate, IsEnum, IsOptional, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ApiToken } from './api-token.entity.js';

@InputType()
export class CreateApiTokenInput {
  @Field(() => String, { description: 'What the token is for, e.g. "SIEM export".' })
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @Field(() => UserRole, { description: 'At most your own role.' })
  @IsEnum(UserRole)
  role!: UserRole;

  @Field(() => Date, { nullable: true, description: 'Omitted: the token lasts until it is revoked.' })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}

@InputType()
export class RevokeApiTokenInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@ObjectType()
export class CreateApiTokenPayload {
  @Field(() => ApiToken) apiToken!: ApiToken;

  @Field(() => String, {
    description: 'Send as "Authorization: Bearer <secret>". Shown only now: the server keeps only its hash.',
  })
  secret!: string;
}

@ObjectType()
export class RevokeApiTokenPayload {
  @Field(() => ApiToken) apiToken!: ApiToken;
}
