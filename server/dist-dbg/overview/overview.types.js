var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { EditionCode, QuotaStatus } from '@hss/schema';
import { Field, Int, ObjectType } from 'type-graphql';
let AgentStatusCounts = class AgentStatusCounts {
    constructor() {
        this.notInstalled = 0;
        this.online = 0;
        this.offline = 0;
    }
};
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], AgentStatusCounts.prototype, "notInstalled", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], AgentStatusCounts.prototype, "online", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], AgentStatusCounts.prototype, "offline", void 0);
AgentStatusCounts = __decorate([
    ObjectType()
], AgentStatusCounts);
export { AgentStatusCounts };
let ProtectionStatusCounts = class ProtectionStatusCounts {
    constructor() {
        this.enabled = 0;
        this.disabled = 0;
        this.interrupted = 0;
    }
};
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], ProtectionStatusCounts.prototype, "enabled", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], ProtectionStatusCounts.prototype, "disabled", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], ProtectionStatusCounts.prototype, "interrupted", void 0);
ProtectionStatusCounts = __decorate([
    ObjectType()
], ProtectionStatusCounts);
export { ProtectionStatusCounts };
let DetectionResultCounts = class DetectionResultCounts {
    constructor() {
        this.risky = 0;
        this.safe = 0;
        this.pending = 0;
    }
};
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], DetectionResultCounts.prototype, "risky", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], DetectionResultCounts.prototype, "safe", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], DetectionResultCounts.prototype, "pending", void 0);
DetectionResultCounts = __decorate([
    ObjectType()
], DetectionResultCounts);
export { DetectionResultCounts };
let QuotaCount = class QuotaCount {
};
__decorate([
    Field(() => EditionCode),
    __metadata("design:type", String)
], QuotaCount.prototype, "edition", void 0);
__decorate([
    Field(() => QuotaStatus),
    __metadata("design:type", String)
], QuotaCount.prototype, "status", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Number)
], QuotaCount.prototype, "count", void 0);
QuotaCount = __decorate([
    ObjectType()
], QuotaCount);
export { QuotaCount };
let Overview = class Overview {
    constructor() {
        this.serverCount = 0;
        this.agentStatus = new AgentStatusCounts();
        this.protectionStatus = new ProtectionStatusCounts();
        this.detectionResult = new DetectionResultCounts();
        this.quotas = [];
    }
};
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], Overview.prototype, "serverCount", void 0);
__decorate([
    Field(() => AgentStatusCounts),
    __metadata("design:type", Object)
], Overview.prototype, "agentStatus", void 0);
__decorate([
    Field(() => ProtectionStatusCounts),
    __metadata("design:type", Object)
], Overview.prototype, "protectionStatus", void 0);
__decorate([
    Field(() => DetectionResultCounts),
    __metadata("design:type", Object)
], Overview.prototype, "detectionResult", void 0);
__decorate([
    Field(() => [QuotaCount]),
    __metadata("design:type", Array)
], Overview.prototype, "quotas", void 0);
Overview = __decorate([
    ObjectType({ description: 'Servers counted by each of their three statuses, and quotas by edition and status.' })
], Overview);
export { Overview };
//# sourceMappingURL=overview.types.js.map