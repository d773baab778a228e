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
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Overview } from './overview.types.js';
let OverviewResolver = class OverviewResolver {
    constructor(overviews) {
        this.overviews = overviews;
    }
    overview(regionId, ctx) {
        return this.overviews.overview(ctx, regionId);
    }
};
__decorate([
    Query(() => Overview),
    __param(0, Arg('regionId', () => ID, { nullable: true })),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Function]),
    __metadata("design:returntype", Promise)
], OverviewResolver.prototype, "overview", null);
OverviewResolver = __decorate([
    Resolver(),
    __metadata("design:paramtypes", [Function])
], OverviewResolver);
export { OverviewResolver };
//# sourceMappingURL=overview.resolver.js.map