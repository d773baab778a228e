import { AlarmStatus, AlarmType, Severity } from '@hss/schema';
export declare class AlarmFilter {
    serverId?: string;
    severity?: Severity[];
    status?: AlarmStatus[];
    type?: AlarmType[];
}
