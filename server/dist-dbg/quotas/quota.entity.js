var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { BillingMode, QuotaStatus } from '@hss/schema';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Edition } from '../editions/edition.entity.js';
import { Server } from '../servers/server.entity.js';
/**
 * A purchased licence that protects one server. The partial unique index on `server_id`
 * (created in the migration) makes a double binding impossible even if a rule were skipped.
 */
let Quota = class Quota {
    constructor() {
        this.id = uuid();
        this.billingMode = BillingMode.YEARLY_MONTHLY;
        /** As stored; the API reports EXPIRED as soon as `expiresAt` passes (see QuotaService). */
        this.status = QuotaStatus.IDLE;
        this.server = null;
        this.boundAt = null;
        this.createdAt = new Date();
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], Quota.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Quota.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Region, { ref: true }),
    __metadata("design:type", Object)
], Quota.prototype, "region", void 0);
__decorate([
    ManyToOne(() => Edition, { ref: true, fieldName: 'edition_code' }),
    __metadata("design:type", Object)
], Quota.prototype, "edition", void 0);
__decorate([
    Field(() => BillingMode),
    Enum({ items: () => BillingMode }),
    __metadata("design:type", String)
], Quota.prototype, "billingMode", void 0);
__decorate([
    Enum({ items: () => QuotaStatus }),
    __metadata("design:type", String)
], Quota.prototype, "status", void 0);
__decorate([
    ManyToOne(() => Server, { ref: true, nullable: true, deleteRule: 'set null' }),
    __metadata("design:type", Object)
], Quota.prototype, "server", void 0);
__decorate([
    Field(() => Date),
    Property(timestamp()),
    __metadata("design:type", Date)
], Quota.prototype, "expiresAt", void 0);
__decorate([
    Field(() => Date, { nullable: true }),
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], Quota.prototype, "boundAt", void 0);
__decorate([
    Field(() => Date),
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], Quota.prototype, "createdAt", void 0);
Quota = __decorate([
    Entity({ tableName: 'quota' }),
    Index({ properties: ['account', 'region', 'edition', 'status', 'expiresAt'] }),
    Index({ properties: ['account', 'status'] }),
    Index({ properties: ['account', 'createdAt', 'id'] }),
    ObjectType({ description: 'A purchased protection quota for one server.' })
], Quota);
export { Quota };
//# sourceMappingURL=quota.entity.js.map