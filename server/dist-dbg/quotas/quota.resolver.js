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
import { QuotaStatus } from '@hss/schema';
import { IsOptional, ValidateNested } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../accounts/region.entity.js';
import { Edition } from '../editions/edition.entity.js';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { Server } from '../servers/server.entity.js';
import { Quota } from './quota.entity.js';
import { PurchaseQuotasInput, PurchaseQuotasPayload, QuotaFilter } from './quota.inputs.js';
import { effectiveQuotaStatus } from './quota-status.js';
export const QuotaConnection = ConnectionType(Quota, 'Quota');
let QuotasArgs = class QuotasArgs extends PageArgs {
};
__decorate([
    Field(() => QuotaFilter, { nullable: true }),
    IsOptional(),
    ValidateNested(),
    __metadata("design:type", Object)
], QuotasArgs.prototype, "filter", void 0);
QuotasArgs = __decorate([
    ArgsType()
], QuotasArgs);
let QuotaResolver = class QuotaResolver {
    constructor(quotaService) {
        this.quotaService = quotaService;
    }
    async quotas(args, ctx) {
        return toConnection(await this.quotaService.list(ctx, args.filter ?? {}, args));
    }
    quota(id, ctx) {
        return this.quotaService.get(ctx, id);
    }
    async purchaseQuotas(input, ctx) {
        return { quotas: await this.quotaService.purchase(ctx, input) };
    }
    status(quota) {
        return effectiveQuotaStatus(quota, new Date());
    }
    edition(quota, ctx) {
        return ctx.loaders.editionByCode.load(quota.edition.code);
    }
    region(quota, ctx) {
        return ctx.loaders.regionById.load(quota.region.id);
    }
    async server(quota, ctx) {
        return quota.server ? ctx.loaders.serverById.load(quota.server.id) : null;
    }
};
__decorate([
    Query(() => QuotaConnection, { description: 'Quotas, oldest purchase first.' }),
    __param(0, Args(() => QuotasArgs)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [QuotasArgs, Function]),
    __metadata("design:returntype", Promise)
], QuotaResolver.prototype, "quotas", null);
__decorate([
    Query(() => Quota),
    __param(0, Arg('id', () => ID)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Function]),
    __metadata("design:returntype", Promise)
], QuotaResolver.prototype, "quota", null);
__decorate([
    Mutation(() => PurchaseQuotasPayload, { description: 'Buys YEARLY_MONTHLY quotas; they start IDLE.' }),
    __param(0, Arg('input', () => PurchaseQuotasInput)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [PurchaseQuotasInput, Function]),
    __metadata("design:returntype", Promise)
], QuotaResolver.prototype, "purchaseQuotas", null);
__decorate([
    FieldResolver(() => QuotaStatus, { description: 'EXPIRED from the moment the validity ends.' }),
    __param(0, Root()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Quota]),
    __metadata("design:returntype", String)
], QuotaResolver.prototype, "status", null);
__decorate([
    FieldResolver(() => Edition),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Quota, Function]),
    __metadata("design:returntype", Promise)
], QuotaResolver.prototype, "edition", null);
__decorate([
    FieldResolver(() => Region),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Quota, Function]),
    __metadata("design:returntype", Promise)
], QuotaResolver.prototype, "region", null);
__decorate([
    FieldResolver(() => Server, { nullable: true, description: 'The server the quota is bound to.' }),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Quota, Function]),
    __metadata("design:returntype", Promise)
], QuotaResolver.prototype, "server", null);
QuotaResolver = __decorate([
    Resolver(() => Quota),
    __metadata("design:paramtypes", [Function])
], QuotaResolver);
export { QuotaResolver };
//# sourceMappingURL=quota.resolver.js.map