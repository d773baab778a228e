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
import { User } from '../accounts/user.entity.js';
import { timestamp, uuid } from '../db/columns.js';
/** Who did what to which object, and the object before and after; written in the mutation's transaction. */
let AuditLog = class AuditLog {
    constructor() {
        this.id = uuid();
        /** Null for actions of the system itself (expiry sweeps, the first-start bootstrap). */
        this.user = null;
        this.before = null;
        this.after = null;
        this.requestId = null;
        this.createdAt = new Date();
    }
};
__decorate([
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], AuditLog.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], AuditLog.prototype, "account", void 0);
__decorate([
    ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' }),
    __metadata("design:type", Object)
], AuditLog.prototype, "user", void 0);
__decorate([
    Property({ type: 'text' }),
    __metadata("design:type", String)
], AuditLog.prototype, "action", void 0);
__decorate([
    Property({ type: 'text' }),
    __metadata("design:type", String)
], AuditLog.prototype, "targetType", void 0);
__decorate([
    Property({ type: 'text' }),
    __metadata("design:type", String)
], AuditLog.prototype, "targetId", void 0);
__decorate([
    Property({ type: 'json', nullable: true }),
    __metadata("design:type", Object)
], AuditLog.prototype, "before", void 0);
__decorate([
    Property({ type: 'json', nullable: true }),
    __metadata("design:type", Object)
], AuditLog.prototype, "after", void 0);
__decorate([
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], AuditLog.prototype, "requestId", void 0);
__decorate([
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], AuditLog.prototype, "createdAt", void 0);
AuditLog = __decorate([
    Entity({ tableName: 'audit_log' }),
    Index({ properties: ['account', 'createdAt', 'id'] }),
    Index({ properties: ['account', 'targetType', 'targetId'] }),
    Index({ properties: ['account', 'action'] }),
    Index({ properties: ['account', 'user'] })
], AuditLog);
export { AuditLog };
//# sourceMappingURL=audit-log.entity.js.map