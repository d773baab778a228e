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
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
/** A bearer token issued by `login`. Only the SHA-256 of the token is stored. */
let Session = class Session {
    constructor() {
        this.id = uuid();
        this.createdAt = new Date();
        this.revokedAt = null;
    }
};
__decorate([
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], Session.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Session.prototype, "account", void 0);
__decorate([
    ManyToOne(() => User, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Session.prototype, "user", void 0);
__decorate([
    Property({ type: 'text', unique: true }),
    __metadata("design:type", String)
], Session.prototype, "tokenHash", void 0);
__decorate([
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], Session.prototype, "createdAt", void 0);
__decorate([
    Property(timestamp()),
    __metadata("design:type", Date)
], Session.prototype, "expiresAt", void 0);
__decorate([
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], Session.prototype, "revokedAt", void 0);
Session = __decorate([
    Entity({ tableName: 'session' }),
    Index({ properties: ['user'] })
], Session);
export { Session };
//# sourceMappingURL=session.entity.js.map