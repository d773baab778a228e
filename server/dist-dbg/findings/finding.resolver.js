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
import { IsOptional, ValidateNested } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { Server } from '../servers/server.entity.js';
import { Finding } from './finding.entity.js';
import { FindingFilter } from './finding.inputs.js';
export const FindingConnection = ConnectionType(Finding, 'Finding');
let FindingsArgs = class FindingsArgs extends PageArgs {
};
__decorate([
    Field(() => FindingFilter, { nullable: true }),
    IsOptional(),
    ValidateNested(),
    __metadata("design:type", Object)
], FindingsArgs.prototype, "filter", void 0);
FindingsArgs = __decorate([
    ArgsType()
], FindingsArgs);
let FindingResolver = class FindingResolver {
    constructor(findingService) {
        this.findingService = findingService;
    }
    async findings(args, ctx) {
        return toConnection(await this.findingService.list(ctx, args.filter ?? {}, args));
    }
    server(finding, ctx) {
        return ctx.loaders.serverById.load(finding.server.id);
    }
};
__decorate([
    Query(() => FindingConnection, { description: 'Findings, most recently seen first.' }),
    __param(0, Args(() => FindingsArgs)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [FindingsArgs, Function]),
    __metadata("design:returntype", Promise)
], FindingResolver.prototype, "findings", null);
__decorate([
    FieldResolver(() => Server),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Finding, Function]),
    __metadata("design:returntype", Promise)
], FindingResolver.prototype, "server", null);
FindingResolver = __decorate([
    Resolver(() => Finding),
    __metadata("design:paramtypes", [Function])
], FindingResolver);
export { FindingResolver };
//# sourceMappingURL=finding.resolver.js.map