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
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { Region } from '../accounts/region.entity.js';
import { Server } from '../servers/server.entity.js';
import { Agent } from './agent.entity.js';
let CreateEnrollmentTokenInput = class CreateEnrollmentTokenInput {
};
__decorate([
    Field(() => ID, { description: 'Agents enrolled with the token join this region.' }),
    IsUUID(),
    __metadata("design:type", String)
], CreateEnrollmentTokenInput.prototype, "regionId", void 0);
__decorate([
    Field(() => Int, { nullable: true, description: 'Validity in hours, 1–720; default 24.' }),
    IsOptional(),
    IsInt(),
    Min(1),
    Max(720),
    __metadata("design:type", Object)
], CreateEnrollmentTokenInput.prototype, "expiresInHours", void 0);
CreateEnrollmentTokenInput = __decorate([
    InputType()
], CreateEnrollmentTokenInput);
export { CreateEnrollmentTokenInput };
let CreateEnrollmentTokenPayload = class CreateEnrollmentTokenPayload {
};
__decorate([
    Field(() => String, { description: 'Shown once; only its hash is stored.' }),
    __metadata("design:type", String)
], CreateEnrollmentTokenPayload.prototype, "token", void 0);
__decorate([
    Field(() => Date),
    __metadata("design:type", Date)
], CreateEnrollmentTokenPayload.prototype, "expiresAt", void 0);
__decorate([
    Field(() => Region),
    __metadata("design:type", Region)
], CreateEnrollmentTokenPayload.prototype, "region", void 0);
CreateEnrollmentTokenPayload = __decorate([
    ObjectType()
], CreateEnrollmentTokenPayload);
export { CreateEnrollmentTokenPayload };
let RevokeAgentInput = class RevokeAgentInput {
};
__decorate([
    Field(() => ID),
    IsUUID(),
    __metadata("design:type", String)
], RevokeAgentInput.prototype, "serverId", void 0);
RevokeAgentInput = __decorate([
    InputType()
], RevokeAgentInput);
export { RevokeAgentInput };
let RevokeAgentPayload = class RevokeAgentPayload {
};
__decorate([
    Field(() => Server),
    __metadata("design:type", Server)
], RevokeAgentPayload.prototype, "server", void 0);
RevokeAgentPayload = __decorate([
    ObjectType()
], RevokeAgentPayload);
export { RevokeAgentPayload };
let AgentResolver = class AgentResolver {
    constructor(agentService) {
        this.agentService = agentService;
    }
    createEnrollmentToken(input, ctx) {
        return this.agentService.createEnrollmentToken(ctx, input);
    }
    async revokeAgent(input, ctx) {
        return { server: await this.agentService.revokeAgent(ctx, input.serverId) };
    }
    server(agent, ctx) {
        return ctx.loaders.serverById.load(agent.server.id);
    }
};
__decorate([
    Mutation(() => CreateEnrollmentTokenPayload, { description: 'A short-lived token with which agents enroll into a region.' }),
    __param(0, Arg('input', () => CreateEnrollmentTokenInput)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [CreateEnrollmentTokenInput, Function]),
    __metadata("design:returntype", Promise)
], AgentResolver.prototype, "createEnrollmentToken", null);
__decorate([
    Mutation(() => RevokeAgentPayload, {
        description: "Refuses the server's agent credential from now on and closes its connection.",
    }),
    __param(0, Arg('input', () => RevokeAgentInput)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [RevokeAgentInput, Function]),
    __metadata("design:returntype", Promise)
], AgentResolver.prototype, "revokeAgent", null);
__decorate([
    FieldResolver(() => Server),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Agent, Function]),
    __metadata("design:returntype", Promise)
], AgentResolver.prototype, "server", null);
AgentResolver = __decorate([
    Resolver(() => Agent),
    __metadata("design:paramtypes", [Function])
], AgentResolver);
export { AgentResolver };
//# sourceMappingURL=agent.resolver.js.map