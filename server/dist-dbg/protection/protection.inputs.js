var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { BillingMode, EditionCode } from '@hss/schema';
import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Quota } from '../quotas/quota.entity.js';
import { ScanTask } from '../scans/scan-task.entity.js';
import { Server } from '../servers/server.entity.js';
let EnableProtectionInput = class EnableProtectionInput {
};
__decorate([
    Field(() => ID),
    IsUUID(),
    __metadata("design:type", String)
], EnableProtectionInput.prototype, "serverId", void 0);
__decorate([
    Field(() => EditionCode),
    __metadata("design:type", String)
], EnableProtectionInput.prototype, "edition", void 0);
__decorate([
    Field(() => BillingMode),
    __metadata("design:type", String)
], EnableProtectionInput.prototype, "billingMode", void 0);
__decorate([
    Field(() => ID, {
        nullable: true,
        description: 'YEARLY_MONTHLY only: the quota to bind. Omit it for "any quota": the idle one that stays valid longest.',
    }),
    IsOptional(),
    IsUUID(),
    __metadata("design:type", Object)
], EnableProtectionInput.prototype, "quotaId", void 0);
__decorate([
    Field(() => Boolean, { description: 'The HSS disclaimer must be accepted.' }),
    __metadata("design:type", Boolean)
], EnableProtectionInput.prototype, "acceptDisclaimer", void 0);
EnableProtectionInput = __decorate([
    InputType()
], EnableProtectionInput);
export { EnableProtectionInput };
let DisableProtectionInput = class DisableProtectionInput {
};
__decorate([
    Field(() => ID),
    IsUUID(),
    __metadata("design:type", String)
], DisableProtectionInput.prototype, "serverId", void 0);
DisableProtectionInput = __decorate([
    InputType()
], DisableProtectionInput);
export { DisableProtectionInput };
let BindQuotaInput = class BindQuotaInput {
};
__decorate([
    Field(() => ID),
    IsUUID(),
    __metadata("design:type", String)
], BindQuotaInput.prototype, "quotaId", void 0);
__decorate([
    Field(() => ID),
    IsUUID(),
    __metadata("design:type", String)
], BindQuotaInput.prototype, "serverId", void 0);
BindQuotaInput = __decorate([
    InputType()
], BindQuotaInput);
export { BindQuotaInput };
let UnbindQuotaInput = class UnbindQuotaInput {
};
__decorate([
    Field(() => ID),
    IsUUID(),
    __metadata("design:type", String)
], UnbindQuotaInput.prototype, "quotaId", void 0);
UnbindQuotaInput = __decorate([
    InputType()
], UnbindQuotaInput);
export { UnbindQuotaInput };
let EnableProtectionPayload = class EnableProtectionPayload {
};
__decorate([
    Field(() => Server),
    __metadata("design:type", Server)
], EnableProtectionPayload.prototype, "server", void 0);
__decorate([
    Field(() => Quota, { nullable: true, description: 'The bound quota; null for ON_DEMAND.' }),
    __metadata("design:type", Object)
], EnableProtectionPayload.prototype, "quota", void 0);
__decorate([
    Field(() => ScanTask, { description: 'The full detection started by enabling.' }),
    __metadata("design:type", ScanTask)
], EnableProtectionPayload.prototype, "scanTask", void 0);
EnableProtectionPayload = __decorate([
    ObjectType()
], EnableProtectionPayload);
export { EnableProtectionPayload };
let DisableProtectionPayload = class DisableProtectionPayload {
};
__decorate([
    Field(() => Server),
    __metadata("design:type", Server)
], DisableProtectionPayload.prototype, "server", void 0);
__decorate([
    Field(() => Quota, { nullable: true, description: 'The quota returned to the pool, now IDLE.' }),
    __metadata("design:type", Object)
], DisableProtectionPayload.prototype, "releasedQuota", void 0);
DisableProtectionPayload = __decorate([
    ObjectType()
], DisableProtectionPayload);
export { DisableProtectionPayload };
let BindQuotaPayload = class BindQuotaPayload {
};
__decorate([
    Field(() => Quota),
    __metadata("design:type", Quota)
], BindQuotaPayload.prototype, "quota", void 0);
__decorate([
    Field(() => Server),
    __metadata("design:type", Server)
], BindQuotaPayload.prototype, "server", void 0);
__decorate([
    Field(() => ScanTask),
    __metadata("design:type", ScanTask)
], BindQuotaPayload.prototype, "scanTask", void 0);
BindQuotaPayload = __decorate([
    ObjectType()
], BindQuotaPayload);
export { BindQuotaPayload };
let UnbindQuotaPayload = class UnbindQuotaPayload {
};
__decorate([
    Field(() => Quota),
    __metadata("design:type", Quota)
], UnbindQuotaPayload.prototype, "quota", void 0);
__decorate([
    Field(() => Server),
    __metadata("design:type", Server)
], UnbindQuotaPayload.prototype, "server", void 0);
UnbindQuotaPayload = __decorate([
    ObjectType()
], UnbindQuotaPayload);
export { UnbindQuotaPayload };
//# sourceMappingURL=protection.inputs.js.map