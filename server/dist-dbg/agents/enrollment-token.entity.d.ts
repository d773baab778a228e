import { type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { User } from '../accounts/user.entity.js';
/**
 * A short-lived secret with which agents enroll into one account and region. Only its SHA-256
 * is stored; the token itself is shown once, in the install command.
 */
export declare class EnrollmentToken {
    id: string;
    account: Ref<Account>;
    region: Ref<Region>;
    createdBy: Ref<User> | null;
    tokenHash: string;
    expiresAt: Date;
    uses: number;
    lastUsedAt: Date | null;
    createdAt: Date;
}
