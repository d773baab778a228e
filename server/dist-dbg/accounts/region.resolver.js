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
import { Region } from './region.entity.js';
let RegionResolver = class RegionResolver {
    constructor(regionService) {
        this.regionService = regionService;
    }
    regions(ctx) {
        return this.regionService.list(ctx);
    }
};
__decorate([
    Query(() => [Region]),
    __param(0, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Promise)
], RegionResolver.prototype, "regions", null);
RegionResolver = __decorate([
    Resolver(() => Region),
    __metadata("design:paramtypes", [Function])
], RegionResolver);
export { RegionResolver };
//# sourceMappingURL=region.resolver.js.map