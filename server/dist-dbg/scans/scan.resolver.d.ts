import { ScanStatus } from '@hss/schema';
import type { ScanService } from './scan.service.js';
import type { RequestContext } from '../common/request-context.js';
import { type ScanProgressEvent } from '../events/topics.js';
import { Server } from '../servers/server.entity.js';
import { ScanTask } from './scan-task.entity.js';
export declare class ScanProgress {
    scanTaskId: string;
    serverId: string;
    status: ScanStatus;
    progress: number;
}
export declare class StartScanInput {
    serverId: string;
}
export declare class StartScanPayload {
    scanTask: ScanTask;
}
export declare class ScanResolver {
    private readonly scanService;
    constructor(scanService: ScanService);
    startScan(input: StartScanInput, ctx: RequestContext): Promise<StartScanPayload>;
    scanTasks(serverId: string, last: number, ctx: RequestContext): Promise<ScanTask[]>;
    server(task: ScanTask, ctx: RequestContext): Promise<Server | null>;
    scanProgress(event: ScanProgressEvent, _serverId: string): ScanProgress;
}
