import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { User } from '../accounts/user.entity.js';
import type { RequestContext } from '../common/request-context.js';
import { toConnection } from '../graphql/connection.js';
import { PolicyAgentStatusConnection, PolicyAgentsArgs, PolicyView, UpdatePolicyInput } from './policy.inputs.js';
import type { PolicyService } from './policy.service.js';

@Resolver(() => PolicyView)
export class PolicyResolver {
  constructor(private readonly policyService: PolicyService) {}

  @Query(() => PolicyView, { description: "The region's security policy." })
  policy(@Arg('regionId', () => ID) regionId: string, @Ctx() ctx: RequestContext): Promise<PolicyView> {
    return this.policyService.get(ctx, regionId);
  }

  @Mutation(() => PolicyView, {
    description:
      "Changes the region's policy and pushes it to the region's online agents. Send expectedVersion so that a change made meanwhile by someone else is not overwritten.",
  })
  updatePolicy(@Arg('input', () => UpdatePolicyInput) input: UpdatePolicyInput, @Ctx() ctx: RequestContext): Promise<PolicyView> {
    return this.policyService.update(ctx, input);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who saved this version; null while the region has the defaults, or once that user was deleted.',
  })
  updatedBy(@Root() policy: PolicyView, @Ctx() ctx: RequestContext): Promise<User | null> {
    return policy.updatedById ? ctx.loaders.userById.load(policy.updatedById) : Promise.resolve(null);
  }

  @FieldResolver(() => PolicyAgentStatusConnection, {
    description: "The region's agents by server name, and whether each has applied this version.",
  })
  async agents(@Root() policy: PolicyView, @Args(() => PolicyAgentsArgs) args: PolicyAgentsArgs, @Ctx() ctx: RequestContext) {
    return toConnection(await this.policyService.agents(ctx, policy, args));
  }
}
