import type { RequestContext } from '../common/request-context.js';
import { PolicyView, UpdatePolicyInput } from './policy.inputs.js';
import type { PolicyService } from './policy.service.js';
export declare class PolicyResolver {
    private readonly policyService;
    constructor(policyService: PolicyService);
    policy(regionId: string, ctx: RequestContext): Promise<PolicyView>;
    updatePolicy(input: UpdatePolicyInput, ctx: RequestContext): Promise<PolicyView>;
}
