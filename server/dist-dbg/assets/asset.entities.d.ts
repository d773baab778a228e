import { PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Server } from '../servers/server.entity.js';
export declare class Software {
    id: string;
    account: Ref<Account>;
    server: Ref<Server>;
    name: string;
    version: string;
    architecture: string | null;
    source: string;
}
export declare class ListeningPort {
    id: string;
    account: Ref<Account>;
    server: Ref<Server>;
    protocol: string;
    address: string;
    port: number;
    pid: number | null;
    process: string | null;
}
export declare class HostProcess {
    id: string;
    account: Ref<Account>;
    server: Ref<Server>;
    pid: number;
    name: string;
    commandLine: string;
    user: string;
    executable: string | null;
    startedAt: Date | null;
}
export declare class HostAccount {
    id: string;
    account: Ref<Account>;
    server: Ref<Server>;
    name: string;
    uid: number;
    gid: number;
    shell: string;
    home: string;
    loginShell: boolean;
    sudo: boolean;
    emptyPassword: boolean;
    passwordChangedAt: string | null;
}
export declare class AutostartItem {
    id: string;
    account: Ref<Account>;
    server: Ref<Server>;
    kind: string;
    name: string;
    command: string | null;
    user: string | null;
}
/**
 * Ids of the agent messages already stored, so that a resent report is acknowledged again but
 * never stored twice. Pruned after a week: an agent resends within hours, not weeks.
 */
export declare class AgentMessage {
    [PrimaryKeyProp]?: ['agentId', 'messageId'];
    agentId: string;
    messageId: string;
    receivedAt: Date;
}
