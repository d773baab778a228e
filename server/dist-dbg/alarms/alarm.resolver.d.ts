import { Severity } from '@hss/schema';
import type { RequestContext } from '../common/request-context.js';
import { type AlarmRaisedEvent } from '../events/topics.js';
import { PageArgs } from '../graphql/connection.js';
import { Server } from '../servers/server.entity.js';
import { Alarm } from './alarm.entity.js';
import { AlarmFilter } from './alarm.inputs.js';
import type { AlarmService } from './alarm.service.js';
export declare const AlarmConnection: import("type-graphql").ClassType<import("../graphql/connection.js").Connection<Alarm>>;
declare class AlarmsArgs extends PageArgs {
    filter?: AlarmFilter | null;
}
declare class AlarmRaisedArgs {
    regionId?: string | null;
    minSeverity?: Severity | null;
}
export declare class AlarmResolver {
    private readonly alarmService;
    constructor(alarmService: AlarmService);
    alarms(args: AlarmsArgs, ctx: RequestContext): Promise<import("../graphql/connection.js").Connection<Alarm>>;
    server(alarm: Alarm, ctx: RequestContext): Promise<Server | null>;
    alarmRaised(event: AlarmRaisedEvent, _args: AlarmRaisedArgs, ctx: RequestContext): Promise<Alarm>;
}
export {};
