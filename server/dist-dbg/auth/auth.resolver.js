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
import { IsEmail, MaxLength } from 'class-validator';
import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { User } from '../accounts/user.entity.js';
import { unauthenticated } from '../common/errors.js';
let LoginInput = class LoginInput {
};
__decorate([
    Field(() => String),
    IsEmail(),
    MaxLength(254),
    __metadata("design:type", String)
], LoginInput.prototype, "email", void 0);
__decorate([
    Field(() => String),
    MaxLength(1024),
    __metadata("design:type", String)
], LoginInput.prototype, "password", void 0);
LoginInput = __decorate([
    InputType()
], LoginInput);
export { LoginInput };
let LoginPayload = class LoginPayload {
};
__decorate([
    Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' }),
    __metadata("design:type", String)
], LoginPayload.prototype, "token", void 0);
__decorate([
    Field(() => Date),
    __metadata("design:type", Date)
], LoginPayload.prototype, "expiresAt", void 0);
__decorate([
    Field(() => User),
    __metadata("design:type", User)
], LoginPayload.prototype, "user", void 0);
LoginPayload = __decorate([
    ObjectType()
], LoginPayload);
export { LoginPayload };
let AuthResolver = class AuthResolver {
    constructor(auth) {
        this.auth = auth;
    }
    login(input, ctx) {
        return this.auth.login(ctx.em, input.email, input.password);
    }
    async logout(ctx) {
        if (!ctx.viewer)
            throw unauthenticated();
        await this.auth.logout(ctx.em, ctx.viewer);
        return true;
    }
    async viewer(ctx) {
        if (!ctx.viewer)
            throw unauthenticated();
        return ctx.em.findOneOrFail(User, { id: ctx.viewer.userId, account: ctx.viewer.accountId });
    }
};
__decorate([
    Mutation(() => LoginPayload, { description: 'Exchanges an e-mail and password for a bearer token.' }),
    __param(0, Arg('input', () => LoginInput)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [LoginInput, Function]),
    __metadata("design:returntype", Promise)
], AuthResolver.prototype, "login", null);
__decorate([
    Mutation(() => Boolean, { description: 'Revokes the token this request was made with.' }),
    __param(0, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Promise)
], AuthResolver.prototype, "logout", null);
__decorate([
    Query(() => User, { description: 'The signed-in user.' }),
    __param(0, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Function]),
    __metadata("design:returntype", Promise)
], AuthResolver.prototype, "viewer", null);
AuthResolver = __decorate([
    Resolver(),
    __metadata("design:paramtypes", [Function])
], AuthResolver);
export { AuthResolver };
//# sourceMappingURL=auth.resolver.js.map