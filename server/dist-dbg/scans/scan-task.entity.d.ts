import { ScanStatus, ScanTrigger } from '@hss/schema';
import { type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Server } from '../servers/server.entity.js';
/** A full detection run on one server. Queued here; the agent gateway delivers it. */
export declare class ScanTask {
    id: string;
    account: Ref<Account>;
    server: Ref<Server>;
    trigger: ScanTrigger;
    status: ScanStatus;
    progress: number;
    error: string | null;
    createdAt: Date;
    /** The day a DAILY scan is for (in HSS_SCAN_TZ); unique per server, so each day's scan exists once. */
    scheduledFor: string | null;
    /** Last time the task was handed to the agent; a reconnecting agent gets QUEUED tasks again. */
    sentAt: Date | null;
    startedAt: Date | null;
    finishedAt: Date | null;
}
