import { type Ref } from '@mikro-orm/core';
import { Account } from './account.entity.js';
export declare class Region {
    id: string;
    account: Ref<Account>;
    code: string;
    name: string;
    createdAt: Date;
}
