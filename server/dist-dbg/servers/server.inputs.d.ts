import { AgentStatus, Architecture, DetectionResult, EditionCode, Hosting, OsType, ProtectionStatus } from '@hss/schema';
import { OrderDirection } from '../common/pagination.js';
import { Server } from './server.entity.js';
export declare enum ServerOrderField {
    NAME = "NAME",
    CREATED_AT = "CREATED_AT",
    RISK = "RISK"
}
export declare class ServerFilter {
    regionId?: string;
    agentStatus?: AgentStatus[];
    protectionStatus?: ProtectionStatus[];
    detectionResult?: DetectionResult[];
    edition?: EditionCode[];
    search?: string;
}
export declare class ServerOrder {
    field: ServerOrderField;
    direction: OrderDirection;
}
export declare class RegisterServerInput {
    name: string;
    hostname: string;
    ips: string[];
    osType: OsType;
    osName?: string;
    osVersion?: string;
    architecture?: Architecture;
    hosting: Hosting;
    group?: string;
}
export declare class RegisterServersInput {
    regionId: string;
    servers: RegisterServerInput[];
}
export declare class RegisterServersPayload {
    servers: Server[];
}
