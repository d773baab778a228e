import { EditionCode, QuotaStatus } from '@hss/schema';
export declare class AgentStatusCounts {
    notInstalled: number;
    online: number;
    offline: number;
}
export declare class ProtectionStatusCounts {
    enabled: number;
    disabled: number;
    interrupted: number;
}
export declare class DetectionResultCounts {
    risky: number;
    safe: number;
    pending: number;
}
export declare class QuotaCount {
    edition: EditionCode;
    status: QuotaStatus;
    count: number;
}
export declare class Overview {
    serverCount: number;
    agentStatus: AgentStatusCounts;
    protectionStatus: ProtectionStatusCounts;
    detectionResult: DetectionResultCounts;
    quotas: QuotaCount[];
}
