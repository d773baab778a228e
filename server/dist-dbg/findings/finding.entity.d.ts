import { FindingStatus, FindingType, Severity } from '@hss/schema';
import { type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Server } from '../servers/server.entity.js';
/** A risk found by a scan, deduplicated per server by its fingerprint. */
export declare class Finding {
    id: string;
    account: Ref<Account>;
    server: Ref<Server>;
    type: FindingType;
    severity: Severity;
    status: FindingStatus;
    fingerprint: string;
    title: string;
    remediation: string | null;
    detail: Record<string, unknown> | null;
    firstSeenAt: Date;
    lastSeenAt: Date;
    resolvedAt: Date | null;
}
