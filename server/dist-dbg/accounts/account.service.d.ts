import { UserRole } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from './account.entity.js';
import { Region } from './region.entity.js';
import { User } from './user.entity.js';
export interface NewAccount {
    name: string;
    adminEmail: string;
    adminPassword: string;
    regions?: {
        code: string;
        name: string;
    }[];
}
export declare const DEFAULT_REGION: {
    code: string;
    name: string;
};
/** Creates tenants. There is no public sign-up: the first start and operators' tooling call this. */
export declare class AccountService {
    createAccount(em: EntityManager, input: NewAccount): Promise<{
        account: Account;
        admin: User;
        regions: Region[];
    }>;
    addUser(em: EntityManager, accountId: string, email: string, password: string, role: UserRole): Promise<User>;
}
