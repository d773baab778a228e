import { type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
/** A bearer token issued by `login`. Only the SHA-256 of the token is stored. */
export declare class Session {
    id: string;
    account: Ref<Account>;
    user: Ref<User>;
    tokenHash: string;
    createdAt: Date;
    expiresAt: Date;
    revokedAt: Date | null;
}
