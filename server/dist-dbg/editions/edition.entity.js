var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { EditionCode, Feature } from '@hss/schema';
import { ArrayType, Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
/**
 * Reference data shared by every account (the one table without an account): the six editions
 * and what each includes, seeded by the initial migration.
 */
let Edition = class Edition {
    constructor() {
        this.freeTrialDays = null;
    }
};
__decorate([
    Field(() => EditionCode),
    PrimaryKey({ type: 'text' }),
    __metadata("design:type", String)
], Edition.prototype, "code", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Edition.prototype, "name", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Edition.prototype, "description", void 0);
__decorate([
    Field(() => [Feature]),
    Property({ type: ArrayType }),
    __metadata("design:type", Array)
], Edition.prototype, "features", void 0);
__decorate([
    Field(() => Boolean, { description: 'Whether the edition can be enabled pay-per-use (ON_DEMAND).' }),
    Property({ type: 'boolean' }),
    __metadata("design:type", Boolean)
], Edition.prototype, "supportsOnDemand", void 0);
__decorate([
    Field(() => Int, {
        nullable: true,
        description: 'Days of free on-demand use per server, when the edition offers a trial.',
    }),
    Property({ type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], Edition.prototype, "freeTrialDays", void 0);
__decorate([
    Field(() => Int),
    Property({ type: 'integer' }),
    __metadata("design:type", Number)
], Edition.prototype, "rank", void 0);
Edition = __decorate([
    Entity({ tableName: 'edition' }),
    ObjectType({ description: 'An HSS edition and the features it includes.' })
], Edition);
export { Edition };
//# sourceMappingURL=edition.entity.js.map