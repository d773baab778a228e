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
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { BindQuotaInput, BindQuotaPayload, DisableProtectionInput, DisableProtectionPayload, EnableProtectionInput, EnableProtectionPayload, UnbindQuotaInput, UnbindQuotaPayload, } from './protection.inputs.js';
let ProtectionResolver = class ProtectionResolver {
    constructor(protection) {
        this.protection = protection;
    }
    enableProtection(input, ctx) {
        return this.protection.enableProtection(ctx, input);
    }
    disableProtection(input, ctx) {
        return this.protection.disableProtection(ctx, input);
    }
    bindQuota(input, ctx) {
        return this.protection.bindQuota(ctx, input);
    }
    unbindQuota(input, ctx) {
        return this.protection.unbindQuota(ctx, input);
    }
};
__decorate([
    Mutation(() => EnableProtectionPayload, {
        description: 'Protects a server with an edition, binding a quota (YEARLY_MONTHLY) or on demand; starts a full scan.',
    }),
    __param(0, Arg('input', () => EnableProtectionInput)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [EnableProtectionInput, Function]),
    __metadata("design:returntype", Promise)
], ProtectionResolver.prototype, "enableProtection", null);
__decorate([
    Mutation(() => DisableProtectionPayload, { description: 'Stops protection; the bound quota returns to IDLE.' }),
    __param(0, Arg('input', () => DisableProtectionInput)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [DisableProtectionInput, Function]),
    __metadata("design:returntype", Promise)
], ProtectionResolver.prototype, "disableProtection", null);
__decorate([
    Mutation(() => BindQuotaPayload, {
        description: "Binds an idle quota to a server, enabling protection with the quota's edition.",
    }),
    __param(0, Arg('input', () => BindQuotaInput)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [BindQuotaInput, Function]),
    __metadata("design:returntype", Promise)
], ProtectionResolver.prototype, "bindQuota", null);
__decorate([
    Mutation(() => UnbindQuotaPayload, {
        description: 'Unbinds a quota: it returns to IDLE and its server is no longer protected.',
    }),
    __param(0, Arg('input', () => UnbindQuotaInput)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [UnbindQuotaInput, Function]),
    __metadata("design:returntype", Promise)
], ProtectionResolver.prototype, "unbindQuota", null);
ProtectionResolver = __decorate([
    Resolver(),
    __metadata("design:paramtypes", [Function])
], ProtectionResolver);
export { ProtectionResolver };
//# sourceMappingURL=protection.resolver.js.map