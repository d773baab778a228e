import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import { PolicyView, UpdatePolicyInput } from './policy.inputs.js';
import type { PolicyService } from './policy.service.js';

@Resolver(() => PolicyView)
export class PolicyResolver {
  constructor(private readonly policyService: PolicyService) {}

  @Query(() => PolicyView, { description: "The region's security policy." })
  policy(@Arg('regionId', () => ID) regionId: string, @Ctx() ctx: RequestContext): Promise<PolicyView> {
    return this.policyService.get(ctx, regionId);
  }

  @Mutation(() => PolicyView, { description: "Changes the region's policy and pushes it to the region's online agents." })
  updatePolicy(@Arg('input', () => UpdatePolicyInput) input: UpdatePolicyInput, @Ctx() ctx: RequestContext): Promise<PolicyView> {
    return this.policyService.update(ctx, input);
  }
}
