import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../accounts/user.entity.js';
import type { Viewer } from './permissions.js';
export declare class AuthService {
    private readonly sessionTtlHours;
    constructor(sessionTtlHours: number);
    /** Exchanges an e-mail and password for a bearer token. The token is returned once; only its hash is kept. */
    login(em: EntityManager, email: string, password: string): Promise<{
        token: string;
        expiresAt: Date;
        user: User;
    }>;
    logout(em: EntityManager, viewer: Viewer): Promise<void>;
    /** The viewer behind an `Authorization` header value, or null when it names no live session. */
    authenticate(em: EntityManager, authorization: string | undefined | null): Promise<Viewer | null>;
}
