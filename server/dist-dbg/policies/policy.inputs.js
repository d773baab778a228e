var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
/** An IPv4/IPv6 address or CIDR block. */
const IP_OR_CIDR = /^(((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)(\/(3[0-2]|[12]?\d))?|[0-9a-fA-F:]*:[0-9a-fA-F:.]*(\/(12[0-8]|1[01]\d|\d?\d))?)$/;
const ABSOLUTE_PATH = /^\/[^\0]*$/;
let LoginProtection = class LoginProtection {
};
__decorate([
    Field(() => [String], { description: 'Logins from any other IP raise an ABNORMAL_LOGIN alarm; empty: none.' }),
    ArrayMaxSize(1000),
    Matches(IP_OR_CIDR, { each: true, message: 'each of commonLoginIps must be an IP address or CIDR block' }),
    __metadata("design:type", Array)
], LoginProtection.prototype, "commonLoginIps", void 0);
__decorate([
    Field(() => [String], { description: 'SSH from outside this list raises an alarm; empty: no whitelist.' }),
    ArrayMaxSize(1000),
    Matches(IP_OR_CIDR, { each: true, message: 'each of sshWhitelist must be an IP address or CIDR block' }),
    __metadata("design:type", Array)
], LoginProtection.prototype, "sshWhitelist", void 0);
__decorate([
    Field(() => Boolean, { description: 'Also reject SSH from outside the whitelist (firewall rule on the host).' }),
    __metadata("design:type", Boolean)
], LoginProtection.prototype, "enforceSshWhitelist", void 0);
LoginProtection = __decorate([
    ObjectType('LoginProtectionPolicy'),
    InputType('LoginProtectionInput')
], LoginProtection);
export { LoginProtection };
let BruteForce = class BruteForce {
};
__decorate([
    Field(() => Int, { description: 'Failed logins from one IP that count as an attack (default 5).' }),
    IsInt(),
    Min(1),
    Max(1000),
    __metadata("design:type", Number)
], BruteForce.prototype, "threshold", void 0);
__decorate([
    Field(() => Int, { description: 'Within this many seconds (default 30).' }),
    IsInt(),
    Min(1),
    Max(86_400),
    __metadata("design:type", Number)
], BruteForce.prototype, "windowSeconds", void 0);
__decorate([
    Field(() => Int, { description: 'How long the IP stays blocked (default 43200, 12 h); 0: alarm only.' }),
    IsInt(),
    Min(0),
    Max(30 * 86_400),
    __metadata("design:type", Number)
], BruteForce.prototype, "blockSeconds", void 0);
BruteForce = __decorate([
    ObjectType('BruteForcePolicy'),
    InputType('BruteForceInput')
], BruteForce);
export { BruteForce };
let WebTamper = class WebTamper {
};
__decorate([
    Field(() => [String], { description: 'Absolute paths of the protected web directories.' }),
    ArrayMaxSize(100),
    Matches(ABSOLUTE_PATH, { each: true, message: 'each of directories must be an absolute path' }),
    MaxLength(4096, { each: true }),
    __metadata("design:type", Array)
], WebTamper.prototype, "directories", void 0);
__decorate([
    Field(() => Boolean, { description: 'Paused while a person updates the site.' }),
    __metadata("design:type", Boolean)
], WebTamper.prototype, "paused", void 0);
WebTamper = __decorate([
    ObjectType('WebTamperPolicy'),
    InputType('WebTamperInput')
], WebTamper);
export { WebTamper };
let PolicyView = class PolicyView {
};
__decorate([
    Field(() => ID),
    __metadata("design:type", String)
], PolicyView.prototype, "regionId", void 0);
__decorate([
    Field(() => Int, { description: '0 until the first change; every change adds one.' }),
    __metadata("design:type", Number)
], PolicyView.prototype, "version", void 0);
__decorate([
    Field(() => LoginProtection),
    __metadata("design:type", LoginProtection)
], PolicyView.prototype, "loginProtection", void 0);
__decorate([
    Field(() => BruteForce),
    __metadata("design:type", BruteForce)
], PolicyView.prototype, "bruteForce", void 0);
__decorate([
    Field(() => [String]),
    __metadata("design:type", Array)
], PolicyView.prototype, "fimPaths", void 0);
__decorate([
    Field(() => WebTamper),
    __metadata("design:type", WebTamper)
], PolicyView.prototype, "webTamper", void 0);
__decorate([
    Field(() => Boolean),
    __metadata("design:type", Boolean)
], PolicyView.prototype, "isolateMaliciousFiles", void 0);
__decorate([
    Field(() => Int, { description: 'Online agents of the region that acknowledged this version.' }),
    __metadata("design:type", Number)
], PolicyView.prototype, "acknowledgedBy", void 0);
PolicyView = __decorate([
    ObjectType({ description: 'The security policy of a region, pushed to its agents.' })
], PolicyView);
export { PolicyView };
let UpdatePolicyInput = class UpdatePolicyInput {
};
__decorate([
    Field(() => ID),
    IsUUID(),
    __metadata("design:type", String)
], UpdatePolicyInput.prototype, "regionId", void 0);
__decorate([
    Field(() => LoginProtection, { nullable: true }),
    IsOptional(),
    ValidateNested(),
    __metadata("design:type", Object)
], UpdatePolicyInput.prototype, "loginProtection", void 0);
__decorate([
    Field(() => BruteForce, { nullable: true }),
    IsOptional(),
    ValidateNested(),
    __metadata("design:type", Object)
], UpdatePolicyInput.prototype, "bruteForce", void 0);
__decorate([
    Field(() => [String], { nullable: true, description: 'Absolute paths watched by file integrity monitoring.' }),
    IsOptional(),
    ArrayMaxSize(1000),
    Matches(ABSOLUTE_PATH, { each: true, message: 'each of fimPaths must be an absolute path' }),
    MaxLength(4096, { each: true }),
    __metadata("design:type", Object)
], UpdatePolicyInput.prototype, "fimPaths", void 0);
__decorate([
    Field(() => WebTamper, { nullable: true }),
    IsOptional(),
    ValidateNested(),
    __metadata("design:type", Object)
], UpdatePolicyInput.prototype, "webTamper", void 0);
__decorate([
    Field(() => Boolean, { nullable: true }),
    IsOptional(),
    __metadata("design:type", Object)
], UpdatePolicyInput.prototype, "isolateMaliciousFiles", void 0);
UpdatePolicyInput = __decorate([
    InputType({ description: 'Fields left out keep their value.' })
], UpdatePolicyInput);
export { UpdatePolicyInput };
//# sourceMappingURL=policy.inputs.js.map