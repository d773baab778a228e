var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { UserRole } from '@hss/schema';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { timestamp, uuid } from '../db/columns.js';
import { Account } from './account.entity.js';
let User = class User {
    constructor() {
        this.id = uuid();
        this.role = UserRole.VIEWER;
        this.createdAt = new Date();
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], User.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }),
    __metadata("design:type", Object)
], User.prototype, "account", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text', unique: true }),
    __metadata("design:type", String)
], User.prototype, "email", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], User.prototype, "displayName", void 0);
__decorate([
    Property({ type: 'text', hidden: true, lazy: true }),
    __metadata("design:type", String)
], User.prototype, "passwordHash", void 0);
__decorate([
    Field(() => UserRole),
    Enum({ items: () => UserRole }),
    __metadata("design:type", String)
], User.prototype, "role", void 0);
__decorate([
    Field(() => Date),
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], User.prototype, "createdAt", void 0);
User = __decorate([
    Entity({ tableName: 'app_user' }),
    ObjectType('User', { description: 'A person who signs in to the console or the API.' })
], User);
export { User };
//# sourceMappingURL=user.entity.js.map