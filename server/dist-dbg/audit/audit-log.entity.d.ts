import { type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
/** Who did what to which object, and the object before and after; written in the mutation's transaction. */
export declare class AuditLog {
    id: string;
    account: Ref<Account>;
    /** Null for actions of the system itself (expiry sweeps, the first-start bootstrap). */
    user: Ref<User> | null;
    action: string;
    targetType: string;
    targetId: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    requestId: string | null;
    createdAt: Date;
}
