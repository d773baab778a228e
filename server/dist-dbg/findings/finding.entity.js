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
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Server } from '../servers/server.entity.js';
/** A risk found by a scan, deduplicated per server by its fingerprint. */
let Finding = class Finding {
    constructor() {
        this.id = uuid();
        this.status = FindingStatus.OPEN;
        this.remediation = null;
        this.detail = null;
        this.firstSeenAt = new Date();
        this.lastSeenAt = new Date();
        this.resolvedAt = null;
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], Finding.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Finding.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Finding.prototype, "server", void 0);
__decorate([
    Field(() => FindingType),
    Enum({ items: () => FindingType }),
    __metadata("design:type", String)
], Finding.prototype, "type", void 0);
__decorate([
    Field(() => Severity),
    Enum({ items: () => Severity }),
    __metadata("design:type", String)
], Finding.prototype, "severity", void 0);
__decorate([
    Field(() => FindingStatus),
    Enum({ items: () => FindingStatus }),
    __metadata("design:type", String)
], Finding.prototype, "status", void 0);
__decorate([
    Field(() => String, { description: 'Stable identity of the finding on its server, e.g. "baseline:ssh-root-login".' }),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Finding.prototype, "fingerprint", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Finding.prototype, "title", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Finding.prototype, "remediation", void 0);
__decorate([
    Property({ type: 'json', nullable: true }),
    __metadata("design:type", Object)
], Finding.prototype, "detail", void 0);
__decorate([
    Field(() => Date),
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], Finding.prototype, "firstSeenAt", void 0);
__decorate([
    Field(() => Date),
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], Finding.prototype, "lastSeenAt", void 0);
__decorate([
    Field(() => Date, { nullable: true }),
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], Finding.prototype, "resolvedAt", void 0);
Finding = __decorate([
    Entity({ tableName: 'finding' }),
    Unique({ properties: ['server', 'fingerprint'] }),
    Index({ properties: ['account', 'server', 'status', 'severity'] }),
    Index({ properties: ['account', 'status', 'severity', 'type'] }),
    Index({ properties: ['account', 'lastSeenAt', 'id'] }),
    ObjectType({ description: 'A risk found on a server: a vulnerability, unsafe configuration, weak password…' })
], Finding);
export { Finding };
//# sourceMappingURL=finding.entity.js.map