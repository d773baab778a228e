import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { User } from '../accounts/user.entity.js';
import type { RequestContext } from '../common/request-context.js';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { ApiToken } from './api-token.entity.js';
import { CreateApiTokenInput, CreateApiTokenPayload, RevokeApiTokenInput, RevokeApiTokenPayload } from './api-token.inputs.js';
import type { ApiTokenService } from './api-token.service.js';

export const ApiTokenConnection = ConnectionType(ApiToken, 'ApiToken');

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  constructor(private readonly apiTokenService: ApiTokenService) {}

  @Query(() => ApiTokenConnection, {
    description: "The account's API tokens, newest first, without their secrets (administrators only).",
  })
  async apiTokens(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return toConnection(await this.apiTokenService.list(ctx, page));
  }

  @Mutation(() => CreateApiTokenPayload, {
    description: 'Creates an API token for an integration; its secret is returned once (administrators only).',
  })
  createApiToken(
    @Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateApiTokenPayload> {
    return this.apiTokenService.create(ctx, input);
  }

  @Mutation(() => RevokeApiTokenPayload, {
    description: 'Revokes an API token at once; open subscriptions using it end (administrators only).',
  })
  async revokeApiToken(
    @Arg('input', () => RevokeApiTokenInput) input: RevokeApiTokenInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RevokeApiTokenPayload> {
    return { apiToken: await this.apiTokenService.revoke(ctx, input.id) };
  }

  @FieldResolver(() => User, { nullable: true, description: 'Null once the creator was deleted (the token is then revoked).' })
  createdBy(@Root() token: ApiToken, @Ctx() ctx: RequestContext): Promise<User | null> {
    return token.createdBy ? ctx.loaders.userById.load(token.createdBy.id) : Promise.resolve(null);
  }
}
