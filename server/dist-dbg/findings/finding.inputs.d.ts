import { FindingStatus, FindingType, Severity } from '@hss/schema';
export declare class FindingFilter {
    serverId?: string;
    severity?: Severity[];
    status?: FindingStatus[];
    type?: FindingType[];
}
