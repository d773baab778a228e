import { UserRole } from '@hss/schema';
import { IsEmail, IsEnum, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { User } from './user.entity.js';

@InputType()
export class CreateUserInput {
  @Field(() => String)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Field(() => String)
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @Field(() => UserRole)
  @IsEnum(UserRole)
  role!: UserRole;

  @Field(() => String, { description: 'At least 12 characters; the user can change it with changePassword.' })
  @MaxLength(1024)
  password!: string;
}

@InputType()
export class UpdateUserRoleInput {
  @Field(() => ID)
  @IsUUID()
  userId!: string;

  @Field(() => UserRole)
  @IsEnum(UserRole)
  role!: UserRole;
}

@InputType()
export class DeleteUserInput {
  @Field(() => ID)
  @IsUUID()
  userId!: string;
}

@ObjectType()
export class CreateUserPayload {
  @Field(() => User) user!: User;
}

@ObjectType()
export class UpdateUserRolePayload {
  @Field(() => User) user!: User;
}

@ObjectType()
export class DeleteUserPayload {
  @Field(() => ID) deletedUserId!: string;
}
