import { IsEmail, MaxLength } from 'class-validator';
import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { User } from '../accounts/user.entity.js';
import { unauthenticated } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import type { AuthService } from './auth.service.js';

@InputType()
export class LoginInput {
  @Field(() => String)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Field(() => String)
  @MaxLength(1024)
  password!: string;
}

@ObjectType()
export class LoginPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' }) token!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => User) user!: User;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String)
  @MaxLength(1024)
  currentPassword!: string;

  @Field(() => String, { description: 'At least 12 characters.' })
  @MaxLength(1024)
  newPassword!: string;
}

@ObjectType()
export class ChangePasswordPayload {
  @Field(() => User) user!: User;
  @Field(() => Int, { description: "The user's other sessions, now signed out." }) revokedSessions!: number;
}

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => LoginPayload, {
    description: "Exchanges an e-mail and password for a bearer token; over HTTP it also sets the console's HTTP-only cookie.",
  })
  login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: RequestContext): Promise<LoginPayload> {
    return this.auth.login(ctx, input.email, input.password);
  }

  @Mutation(() => Boolean, { description: 'Revokes the session this request was made with and clears the cookie.' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    await this.auth.logout(ctx);
    return true;
  }

  @Mutation(() => ChangePasswordPayload, {
    description: "Changes the signed-in user's password; every other session of the user is signed out.",
  })
  changePassword(
    @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ChangePasswordPayload> {
    return this.auth.changePassword(ctx, input.currentPassword, input.newPassword);
  }

  @Query(() => User, { description: 'The signed-in user.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<User> {
    if (!ctx.viewer) throw unauthenticated();
    return ctx.em.findOneOrFail(User, { id: ctx.viewer.userId, account: ctx.viewer.accountId });
  }
}
