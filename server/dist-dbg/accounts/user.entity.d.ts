import { UserRole } from '@hss/schema';
import { type Ref } from '@mikro-orm/core';
import { Account } from './account.entity.js';
export declare class User {
    id: string;
    account: Ref<Account>;
    /** Stored lower-case; unique across the installation so that login needs no account name. */
    email: string;
    displayName: string;
    /** argon2id PHC string; never leaves the server. */
    passwordHash: string;
    role: UserRole;
    createdAt: Date;
}
