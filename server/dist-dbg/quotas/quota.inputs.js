var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { BillingMode, EditionCode, QuotaStatus } from '@hss/schema';
import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Quota } from './quota.entity.js';
let QuotaFilter = class QuotaFilter {
};
__decorate([
    Field(() => ID, { nullable: true }),
    IsOptional(),
    IsUUID(),
    __metadata("design:type", String)
], QuotaFilter.prototype, "regionId", void 0);
__decorate([
    Field(() => [EditionCode], { nullable: true }),
    IsOptional(),
    ArrayMaxSize(10),
    __metadata("design:type", Array)
], QuotaFilter.prototype, "edition", void 0);
__decorate([
    Field(() => [QuotaStatus], { nullable: true }),
    IsOptional(),
    ArrayMaxSize(10),
    __metadata("design:type", Array)
], QuotaFilter.prototype, "status", void 0);
QuotaFilter = __decorate([
    InputType()
], QuotaFilter);
export { QuotaFilter };
export const MAX_QUOTAS_PER_PURCHASE = 1000;
export const MAX_MONTHS = 36;
let PurchaseQuotasInput = class PurchaseQuotasInput {
};
__decorate([
    Field(() => ID),
    IsUUID(),
    __metadata("design:type", String)
], PurchaseQuotasInput.prototype, "regionId", void 0);
__decorate([
    Field(() => EditionCode),
    __metadata("design:type", String)
], PurchaseQuotasInput.prototype, "edition", void 0);
__decorate([
    Field(() => BillingMode, { description: 'Only YEARLY_MONTHLY quotas are bought; ON_DEMAND is billed per use.' }),
    __metadata("design:type", String)
], PurchaseQuotasInput.prototype, "billingMode", void 0);
__decorate([
    Field(() => Int, { description: `Validity in months, 1–${MAX_MONTHS}.` }),
    IsInt(),
    Min(1),
    Max(MAX_MONTHS),
    __metadata("design:type", Number)
], PurchaseQuotasInput.prototype, "months", void 0);
__decorate([
    Field(() => Int, { description: `How many quotas, 1–${MAX_QUOTAS_PER_PURCHASE}.` }),
    IsInt(),
    Min(1),
    Max(MAX_QUOTAS_PER_PURCHASE),
    __metadata("design:type", Number)
], PurchaseQuotasInput.prototype, "count", void 0);
PurchaseQuotasInput = __decorate([
    InputType()
], PurchaseQuotasInput);
export { PurchaseQuotasInput };
let PurchaseQuotasPayload = class PurchaseQuotasPayload {
};
__decorate([
    Field(() => [Quota]),
    __metadata("design:type", Array)
], PurchaseQuotasPayload.prototype, "quotas", void 0);
PurchaseQuotasPayload = __decorate([
    ObjectType()
], PurchaseQuotasPayload);
export { PurchaseQuotasPayload };
//# sourceMappingURL=quota.inputs.js.map