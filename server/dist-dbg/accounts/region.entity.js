var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { timestamp, uuid } from '../db/columns.js';
import { Account } from './account.entity.js';
let Region = class Region {
    constructor() {
        this.id = uuid();
        this.createdAt = new Date();
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], Region.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Region.prototype, "account", void 0);
__decorate([
    Field(() => String, { description: 'Short stable code, e.g. "default" or "ap-singapore".' }),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Region.prototype, "code", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Region.prototype, "name", void 0);
__decorate([
    Field(() => Date),
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], Region.prototype, "createdAt", void 0);
Region = __decorate([
    Entity({ tableName: 'region' }),
    Unique({ properties: ['account', 'code'] }),
    ObjectType({ description: 'A region: servers, quotas and the console view are per region.' })
], Region);
export { Region };
//# sourceMappingURL=region.entity.js.map