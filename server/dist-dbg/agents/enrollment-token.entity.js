var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { User } from '../accounts/user.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
/**
 * A short-lived secret with which agents enroll into one account and region. Only its SHA-256
 * is stored; the token itself is shown once, in the install command.
 */
let EnrollmentToken = class EnrollmentToken {
    constructor() {
        this.id = uuid();
        this.createdBy = null;
        this.uses = 0;
        this.lastUsedAt = null;
        this.createdAt = new Date();
    }
};
__decorate([
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], EnrollmentToken.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], EnrollmentToken.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Region, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], EnrollmentToken.prototype, "region", void 0);
__decorate([
    ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' }),
    __metadata("design:type", Object)
], EnrollmentToken.prototype, "createdBy", void 0);
__decorate([
    Property({ type: 'text', unique: true }),
    __metadata("design:type", String)
], EnrollmentToken.prototype, "tokenHash", void 0);
__decorate([
    Property(timestamp()),
    __metadata("design:type", Date)
], EnrollmentToken.prototype, "expiresAt", void 0);
__decorate([
    Property({ type: 'integer', default: 0 }),
    __metadata("design:type", Object)
], EnrollmentToken.prototype, "uses", void 0);
__decorate([
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], EnrollmentToken.prototype, "lastUsedAt", void 0);
__decorate([
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], EnrollmentToken.prototype, "createdAt", void 0);
EnrollmentToken = __decorate([
    Entity({ tableName: 'enrollment_token' }),
    Index({ properties: ['account', 'createdAt'] })
], EnrollmentToken);
export { EnrollmentToken };
//# sourceMappingURL=enrollment-token.entity.js.map