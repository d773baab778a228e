import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { User } from './user.entity.js';
import {
  CreateUserInput,
  CreateUserPayload,
  DeleteUserInput,
  DeleteUserPayload,
  UpdateUserRoleInput,
  UpdateUserRolePayload,
} from './user.inputs.js';
import type { UserService } from './user.service.js';

export const UserConnection = ConnectionType(User, 'User');

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly userService: UserService) {}

  @Query(() => UserConnection, { description: "The account's users by e-mail (administrators only)." })
  async users(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return toConnection(await this.userService.list(ctx, page));
  }

  @Mutation(() => CreateUserPayload, { description: 'Adds a user to the account (administrators only).' })
  async createUser(
    @Arg('input', () => CreateUserInput) input: CreateUserInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateUserPayload> {
    return { user: await this.userService.create(ctx, input) };
  }

  @Mutation(() => UpdateUserRolePayload, {
    description: "Changes a user's role; it applies at once, to open subscriptions too (administrators only).",
  })
  async updateUserRole(
    @Arg('input', () => UpdateUserRoleInput) input: UpdateUserRoleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateUserRolePayload> {
    return { user: await this.userService.updateRole(ctx, input.userId, input.role) };
  }

  @Mutation(() => DeleteUserPayload, {
    description: 'Removes a user, signs them out everywhere and revokes the API tokens they created (administrators only).',
  })
  async deleteUser(
    @Arg('input', () => DeleteUserInput) input: DeleteUserInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DeleteUserPayload> {
    return { deletedUserId: await this.userService.delete(ctx, input.userId) };
  }
}
