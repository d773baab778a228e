var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { AgentStatus, Architecture, DetectionResult, EditionCode, Hosting, OsType, ProtectionStatus } from '@hss/schema';
import { ArrayMaxSize, ArrayMinSize, IsIP, IsOptional, IsUUID, Matches, MaxLength, MinLength, NotContains, ValidateNested, } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../common/pagination.js';
import { Server } from './server.entity.js';
/** PostgreSQL text cannot hold NUL: refuse it as input instead of failing in SQL. */
const NO_NUL = { message: '$property must not contain NUL characters' };
export var ServerOrderField;
(function (ServerOrderField) {
    ServerOrderField["NAME"] = "NAME";
    ServerOrderField["CREATED_AT"] = "CREATED_AT";
    ServerOrderField["RISK"] = "RISK";
})(ServerOrderField || (ServerOrderField = {}));
registerEnumType(ServerOrderField, { name: 'ServerOrderField' });
let ServerFilter = class ServerFilter {
};
__decorate([
    Field(() => ID, { nullable: true }),
    IsOptional(),
    IsUUID(),
    __metadata("design:type", String)
], ServerFilter.prototype, "regionId", void 0);
__decorate([
    Field(() => [AgentStatus], { nullable: true }),
    IsOptional(),
    ArrayMaxSize(10),
    __metadata("design:type", Array)
], ServerFilter.prototype, "agentStatus", void 0);
__decorate([
    Field(() => [ProtectionStatus], { nullable: true }),
    IsOptional(),
    ArrayMaxSize(10),
    __metadata("design:type", Array)
], ServerFilter.prototype, "protectionStatus", void 0);
__decorate([
    Field(() => [DetectionResult], { nullable: true }),
    IsOptional(),
    ArrayMaxSize(10),
    __metadata("design:type", Array)
], ServerFilter.prototype, "detectionResult", void 0);
__decorate([
    Field(() => [EditionCode], { nullable: true }),
    IsOptional(),
    ArrayMaxSize(10),
    __metadata("design:type", Array)
], ServerFilter.prototype, "edition", void 0);
__decorate([
    Field(() => String, { nullable: true, description: 'Case-insensitive substring of name, hostname or an IP.' }),
    IsOptional(),
    MaxLength(200),
    NotContains('\u0000', NO_NUL),
    __metadata("design:type", String)
], ServerFilter.prototype, "search", void 0);
ServerFilter = __decorate([
    InputType({ description: 'Every field narrows the list; lists match any of their values.' })
], ServerFilter);
export { ServerFilter };
let ServerOrder = class ServerOrder {
    constructor() {
        this.field = ServerOrderField.NAME;
        this.direction = OrderDirection.ASC;
    }
};
__decorate([
    Field(() => ServerOrderField),
    __metadata("design:type", String)
], ServerOrder.prototype, "field", void 0);
__decorate([
    Field(() => OrderDirection),
    __metadata("design:type", String)
], ServerOrder.prototype, "direction", void 0);
ServerOrder = __decorate([
    InputType()
], ServerOrder);
export { ServerOrder };
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
let RegisterServerInput = class RegisterServerInput {
    constructor() {
        this.ips = [];
        this.osType = OsType.LINUX;
        this.hosting = Hosting.ON_PREMISES;
    }
};
__decorate([
    Field(() => String),
    MinLength(1),
    MaxLength(128),
    NotContains('\u0000', NO_NUL),
    __metadata("design:type", String)
], RegisterServerInput.prototype, "name", void 0);
__decorate([
    Field(() => String),
    MaxLength(253),
    Matches(HOSTNAME, { message: 'hostname must contain only letters, digits, dots and hyphens' }),
    __metadata("design:type", String)
], RegisterServerInput.prototype, "hostname", void 0);
__decorate([
    Field(() => [String]),
    ArrayMaxSize(32),
    IsIP(undefined, { each: true, message: 'each of ips must be an IPv4 or IPv6 address' }),
    __metadata("design:type", Array)
], RegisterServerInput.prototype, "ips", void 0);
__decorate([
    Field(() => OsType),
    __metadata("design:type", String)
], RegisterServerInput.prototype, "osType", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    IsOptional(),
    MaxLength(128),
    NotContains('\u0000', NO_NUL),
    __metadata("design:type", String)
], RegisterServerInput.prototype, "osName", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    IsOptional(),
    MaxLength(64),
    NotContains('\u0000', NO_NUL),
    __metadata("design:type", String)
], RegisterServerInput.prototype, "osVersion", void 0);
__decorate([
    Field(() => Architecture, { nullable: true }),
    IsOptional(),
    __metadata("design:type", String)
], RegisterServerInput.prototype, "architecture", void 0);
__decorate([
    Field(() => Hosting),
    __metadata("design:type", String)
], RegisterServerInput.prototype, "hosting", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    IsOptional(),
    MaxLength(128),
    NotContains('\u0000', NO_NUL),
    __metadata("design:type", String)
], RegisterServerInput.prototype, "group", void 0);
RegisterServerInput = __decorate([
    InputType({ description: 'A server to pre-register before its agent is installed.' })
], RegisterServerInput);
export { RegisterServerInput };
let RegisterServersInput = class RegisterServersInput {
};
__decorate([
    Field(() => ID),
    IsUUID(),
    __metadata("design:type", String)
], RegisterServersInput.prototype, "regionId", void 0);
__decorate([
    Field(() => [RegisterServerInput]),
    ArrayMinSize(1),
    ArrayMaxSize(1000),
    ValidateNested({ each: true }),
    __metadata("design:type", Array)
], RegisterServersInput.prototype, "servers", void 0);
RegisterServersInput = __decorate([
    InputType()
], RegisterServersInput);
export { RegisterServersInput };
let RegisterServersPayload = class RegisterServersPayload {
};
__decorate([
    Field(() => [Server]),
    __metadata("design:type", Array)
], RegisterServersPayload.prototype, "servers", void 0);
RegisterServersPayload = __decorate([
    ObjectType()
], RegisterServersPayload);
export { RegisterServersPayload };
//# sourceMappingURL=server.inputs.js.map