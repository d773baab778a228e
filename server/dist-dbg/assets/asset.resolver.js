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
import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { AutostartItem, HostAccount, HostProcess, ListeningPort, Software } from './asset.entities.js';
let ServerAssets = class ServerAssets {
};
__decorate([
    Field(() => [Software]),
    __metadata("design:type", Array)
], ServerAssets.prototype, "software", void 0);
__decorate([
    Field(() => [ListeningPort]),
    __metadata("design:type", Array)
], ServerAssets.prototype, "ports", void 0);
__decorate([
    Field(() => [HostProcess]),
    __metadata("design:type", Array)
], ServerAssets.prototype, "processes", void 0);
__decorate([
    Field(() => [HostAccount]),
    __metadata("design:type", Array)
], ServerAssets.prototype, "accounts", void 0);
__decorate([
    Field(() => [AutostartItem]),
    __metadata("design:type", Array)
], ServerAssets.prototype, "autostart", void 0);
ServerAssets = __decorate([
    ObjectType({ description: "The latest asset snapshot an agent reported for its server." })
], ServerAssets);
export { ServerAssets };
let AssetResolver = class AssetResolver {
    constructor(inventory) {
        this.inventory = inventory;
    }
    serverAssets(serverId, ctx) {
        return this.inventory.assets(ctx, serverId);
    }
};
__decorate([
    Query(() => ServerAssets, { description: 'Software, listening ports, processes, accounts and auto-start items of a server.' }),
    __param(0, Arg('serverId', () => ID)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Function]),
    __metadata("design:returntype", Promise)
], AssetResolver.prototype, "serverAssets", null);
AssetResolver = __decorate([
    Resolver(() => ServerAssets),
    __metadata("design:paramtypes", [Function])
], AssetResolver);
export { AssetResolver };
//# sourceMappingURL=asset.resolver.js.map