import { IsEmail, MaxLength } from 'class-validator';
import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
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

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => LoginPayload, { description: 'Exchanges an e-mail and password for a bearer token.' })
  login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: RequestContext): Promise<LoginPayload> {
    return this.auth.login(ctx.em, input.email, input.password, ctx.clientIp ?? undefined);
  }

  @Mutation(() => Boolean, { description: 'Revokes the token this request was made with.' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    if (!ctx.viewer) throw unauthenticated();
    await this.auth.logout(ctx.em, ctx.viewer);
    return true;
  }

  @Query(() => User, { description: 'The signed-in user.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<User> {
    if (!ctx.viewer) throw unauthenticated();
    return ctx.em.findOneOrFail(User, { id: ctx.viewer.userId, account: ctx.viewer.accountId });
  }
}
