import { User } from '../accounts/user.entity.js';
import type { RequestContext } from '../common/request-context.js';
import type { AuthService } from './auth.service.js';
export declare class LoginInput {
    email: string;
    password: string;
}
export declare class LoginPayload {
    token: string;
    expiresAt: Date;
    user: User;
}
export declare class AuthResolver {
    private readonly auth;
    constructor(auth: AuthService);
    login(input: LoginInput, ctx: RequestContext): Promise<LoginPayload>;
    logout(ctx: RequestContext): Promise<boolean>;
    viewer(ctx: RequestContext): Promise<User>;
}
