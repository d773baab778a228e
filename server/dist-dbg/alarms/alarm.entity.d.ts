import { AlarmStatus, AlarmType, Severity } from '@hss/schema';
import { type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Server } from '../servers/server.entity.js';
/** An intrusion event raised by an agent. */
export declare class Alarm {
    id: string;
    account: Ref<Account>;
    server: Ref<Server>;
    type: AlarmType;
    severity: Severity;
    status: AlarmStatus;
    title: string;
    sourceIp: string | null;
    detail: Record<string, unknown> | null;
    occurredAt: Date;
    createdAt: Date;
    handledAt: Date | null;
}
