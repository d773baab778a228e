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
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { timestamp, uuid } from '../db/columns.js';
/** The security policy of one region; every change bumps its version and is pushed to the agents. */
let Policy = class Policy {
    constructor() {
        this.id = uuid();
        this.version = 1;
        this.updatedAt = new Date();
    }
};
__decorate([
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], Policy.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Policy.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Region, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Policy.prototype, "region", void 0);
__decorate([
    Property({ type: 'integer' }),
    __metadata("design:type", Object)
], Policy.prototype, "version", void 0);
__decorate([
    Property({ type: 'json' }),
    __metadata("design:type", Object)
], Policy.prototype, "document", void 0);
__decorate([
    Property({ ...timestamp(), defaultRaw: 'now()', onUpdate: () => new Date() }),
    __metadata("design:type", Date)
], Policy.prototype, "updatedAt", void 0);
Policy = __decorate([
    Entity({ tableName: 'policy' }),
    Unique({ properties: ['account', 'region'] })
], Policy);
export { Policy };
//# sourceMappingURL=policy.entity.js.map