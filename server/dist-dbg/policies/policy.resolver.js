var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PolicyView, UpdatePolicyInput } from './policy.inputs.js';
let PolicyResolver = class PolicyResolver {
    constructor(policyService) {
        this.policyService = policyService;
    }
    policy(regionId, ctx) {
        return this.policyService.get(ctx, regionId);
    }
    updatePolicy(input, ctx) {
        return this.policyService.update(ctx, input);
    }
};
__decorate([
    Query(() => PolicyView, { description: "The region's security policy." }),
    __param(0, Arg('regionId', () => ID)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Function]),
    __metadata("design:returntype", Promise)
], PolicyResolver.prototype, "policy", null);
__decorate([
    Mutation(() => PolicyView, { description: "Changes the region's policy and pushes it to the region's online agents." }),
    __param(0, Arg('input', () => UpdatePolicyInput)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [UpdatePolicyInput, Function]),
    __metadata("design:returntype", Promise)
], PolicyResolver.prototype, "updatePolicy", null);
PolicyResolver = __decorate([
    Resolver(() => PolicyView),
    __metadata("design:paramtypes", [Function])
], PolicyResolver);
export { PolicyResolver };
//# sourceMappingURL=policy.resolver.js.map