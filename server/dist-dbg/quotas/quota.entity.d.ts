import { BillingMode, QuotaStatus } from '@hss/schema';
import { type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { Edition } from '../editions/edition.entity.js';
import { Server } from '../servers/server.entity.js';
/**
 * A purchased licence that protects one server. The partial unique index on `server_id`
 * (created in the migration) makes a double binding impossible even if a rule were skipped.
 */
export declare class Quota {
    id: string;
    account: Ref<Account>;
    region: Ref<Region>;
    edition: Ref<Edition>;
    billingMode: BillingMode;
    /** As stored; the API reports EXPIRED as soon as `expiresAt` passes (see QuotaService). */
    status: QuotaStatus;
    server: Ref<Server> | null;
    expiresAt: Date;
    boundAt: Date | null;
    createdAt: Date;
}
