var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Ctx, Query, Resolver } from 'type-graphql';
import { Edition } from './edition.entity.js';
let EditionResolver = class EditionResolver {
    constructor(editionService) {
        this.editionService = editionService;
    }
    editions(ctx) {
        return this.editionService.list(ctx);
    }
};
__decorate([
    Query(() => [Edition], { description: 'The six editions, smallest first, with their features.' }),
    __param(0, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Promise)
], EditionResolver.prototype, "editions", null);
EditionResolver = __decorate([
    Resolver(() => Edition),
    __metadata("design:paramtypes", [Function])
], EditionResolver);
export { EditionResolver };
//# sourceMappingURL=edition.resolver.js.map