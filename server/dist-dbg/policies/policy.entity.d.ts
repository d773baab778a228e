import { type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import type { PolicyDocument } from './policy.document.js';
/** The security policy of one region; every change bumps its version and is pushed to the agents. */
export declare class Policy {
    id: string;
    account: Ref<Account>;
    region: Ref<Region>;
    version: number;
    document: PolicyDocument;
    updatedAt: Date;
}
