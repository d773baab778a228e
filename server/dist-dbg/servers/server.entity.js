var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { AgentOfflineReason, AgentStatus, Architecture, BillingMode, DetectionResult, Hosting, OsType, ProtectionStatus, } from '@hss/schema';
import { ArrayType, BeforeCreate, BeforeUpdate, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Edition } from '../editions/edition.entity.js';
/**
 * A protected (or protectable) host. Its three statuses are independent: whether its agent
 * talks to us, whether protection is on, and what the last detection found.
 *
 * The composite indexes serve the `servers` connection: every list is scoped to an account and
 * usually a region, filtered by one status and walked in (sort key, id) order.
 */
let Server = class Server {
    constructor() {
        this.id = uuid();
        this.ips = [];
        this.osType = OsType.LINUX;
        this.osName = null;
        this.osVersion = null;
        this.architecture = null;
        this.hosting = Hosting.ON_PREMISES;
        this.group = null;
        /** /etc/machine-id as reported by the agent; matches a re-enrolling host to its server. */
        this.machineId = null;
        this.agentStatus = AgentStatus.NOT_INSTALLED;
        this.agentOfflineReason = null;
        this.agentStatusSince = new Date();
        this.protectionStatus = ProtectionStatus.DISABLED;
        this.protectionInterruptedCause = null;
        this.detectionResult = DetectionResult.PENDING;
        /** The edition protecting the server; null while unprotected. */
        this.edition = null;
        this.billingMode = null;
        /** Set once, when the free basic-edition on-demand trial starts; a server gets one trial. */
        this.trialEndsAt = null;
        /**
         * Weighted count of open findings (see findings/risk.ts); kept on the row so that ordering
         * by risk is an index walk.
         */
        this.riskScore = 0;
        this.inventoryAt = null;
        this.lastScanAt = null;
        /** Lower-cased name, hostname and IPs, for the trigram-indexed text search. */
        this.searchText = '';
        this.createdAt = new Date();
        this.updatedAt = new Date();
    }
    refreshSearchText() {
        this.searchText = [this.name, this.hostname, ...this.ips].join(' ').toLowerCase();
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], Server.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Server.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Region, { ref: true }),
    __metadata("design:type", Object)
], Server.prototype, "region", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Server.prototype, "name", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Server.prototype, "hostname", void 0);
__decorate([
    Field(() => [String], { description: 'IPv4/IPv6 addresses, private first.' }),
    Property({ type: ArrayType }),
    __metadata("design:type", Array)
], Server.prototype, "ips", void 0);
__decorate([
    Field(() => OsType),
    Enum({ items: () => OsType }),
    __metadata("design:type", String)
], Server.prototype, "osType", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Server.prototype, "osName", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Server.prototype, "osVersion", void 0);
__decorate([
    Field(() => Architecture, { nullable: true }),
    Enum({ items: () => Architecture, nullable: true }),
    __metadata("design:type", Object)
], Server.prototype, "architecture", void 0);
__decorate([
    Field(() => Hosting),
    Enum({ items: () => Hosting }),
    __metadata("design:type", String)
], Server.prototype, "hosting", void 0);
__decorate([
    Field(() => String, { nullable: true, description: 'Free-form server group.' }),
    Property({ type: 'text', nullable: true, fieldName: 'server_group' }),
    __metadata("design:type", Object)
], Server.prototype, "group", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Server.prototype, "machineId", void 0);
__decorate([
    Field(() => AgentStatus),
    Enum({ items: () => AgentStatus }),
    __metadata("design:type", String)
], Server.prototype, "agentStatus", void 0);
__decorate([
    Field(() => AgentOfflineReason, { nullable: true, description: 'Why the agent is OFFLINE; null otherwise.' }),
    Enum({ items: () => AgentOfflineReason, nullable: true }),
    __metadata("design:type", Object)
], Server.prototype, "agentOfflineReason", void 0);
__decorate([
    Field(() => Date, { description: 'When the agent status last changed.' }),
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], Server.prototype, "agentStatusSince", void 0);
__decorate([
    Field(() => ProtectionStatus),
    Enum({ items: () => ProtectionStatus }),
    __metadata("design:type", String)
], Server.prototype, "protectionStatus", void 0);
__decorate([
    Field(() => String, { nullable: true, description: 'Why protection is INTERRUPTED; null otherwise.' }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Server.prototype, "protectionInterruptedCause", void 0);
__decorate([
    Field(() => DetectionResult),
    Enum({ items: () => DetectionResult }),
    __metadata("design:type", String)
], Server.prototype, "detectionResult", void 0);
__decorate([
    ManyToOne(() => Edition, { ref: true, nullable: true, fieldName: 'edition_code' }),
    __metadata("design:type", Object)
], Server.prototype, "edition", void 0);
__decorate([
    Field(() => BillingMode, { nullable: true }),
    Enum({ items: () => BillingMode, nullable: true }),
    __metadata("design:type", Object)
], Server.prototype, "billingMode", void 0);
__decorate([
    Field(() => Date, { nullable: true }),
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], Server.prototype, "trialEndsAt", void 0);
__decorate([
    Field(() => Int),
    Property({ type: 'integer', default: 0 }),
    __metadata("design:type", Object)
], Server.prototype, "riskScore", void 0);
__decorate([
    Field(() => Date, { nullable: true, description: 'When the agent last reported its assets.' }),
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], Server.prototype, "inventoryAt", void 0);
__decorate([
    Field(() => Date, { nullable: true }),
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], Server.prototype, "lastScanAt", void 0);
__decorate([
    Property({ type: 'text', hidden: true }),
    __metadata("design:type", Object)
], Server.prototype, "searchText", void 0);
__decorate([
    Field(() => Date),
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], Server.prototype, "createdAt", void 0);
__decorate([
    Field(() => Date),
    Property({ ...timestamp(), defaultRaw: 'now()', onUpdate: () => new Date() }),
    __metadata("design:type", Date)
], Server.prototype, "updatedAt", void 0);
__decorate([
    BeforeCreate(),
    BeforeUpdate(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], Server.prototype, "refreshSearchText", null);
Server = __decorate([
    Entity({ tableName: 'server' }),
    Index({ properties: ['account', 'region', 'name', 'id'] }),
    Index({ properties: ['account', 'region', 'createdAt', 'id'] }),
    Index({ properties: ['account', 'region', 'riskScore', 'id'] }),
    Index({ properties: ['account', 'agentStatus'] }),
    Index({ properties: ['account', 'protectionStatus'] }),
    Index({ properties: ['account', 'detectionResult'] }),
    Index({ properties: ['account', 'edition'] }),
    ObjectType({ description: 'A server known to HSS, with or without an agent.' })
], Server);
export { Server };
//# sourceMappingURL=server.entity.js.map