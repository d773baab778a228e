var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { FindingStatus, FindingType, Severity } from '@hss/schema';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
let FindingFilter = class FindingFilter {
};
__decorate([
    Field(() => ID, { nullable: true }),
    IsOptional(),
    IsUUID(),
    __metadata("design:type", String)
], FindingFilter.prototype, "serverId", void 0);
__decorate([
    Field(() => [Severity], { nullable: true }),
    IsOptional(),
    ArrayMaxSize(10),
    __metadata("design:type", Array)
], FindingFilter.prototype, "severity", void 0);
__decorate([
    Field(() => [FindingStatus], { nullable: true }),
    IsOptional(),
    ArrayMaxSize(10),
    __metadata("design:type", Array)
], FindingFilter.prototype, "status", void 0);
__decorate([
    Field(() => [FindingType], { nullable: true }),
    IsOptional(),
    ArrayMaxSize(10),
    __metadata("design:type", Array)
], FindingFilter.prototype, "type", void 0);
FindingFilter = __decorate([
    InputType()
], FindingFilter);
export { FindingFilter };
//# sourceMappingURL=finding.inputs.js.map