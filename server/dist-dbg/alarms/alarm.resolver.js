var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Severity, severityRank } from '@hss/schema';
import { IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import { notFound } from '../common/errors.js';
import { Topic } from '../events/topics.js';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { subscribeScoped } from '../graphql/subscriptions.js';
import { Server } from '../servers/server.entity.js';
import { Alarm } from './alarm.entity.js';
import { AlarmFilter } from './alarm.inputs.js';
export const AlarmConnection = ConnectionType(Alarm, 'Alarm');
let AlarmsArgs = class AlarmsArgs extends PageArgs {
};
__decorate([
    Field(() => AlarmFilter, { nullable: true }),
    IsOptional(),
    ValidateNested(),
    __metadata("design:type", Object)
], AlarmsArgs.prototype, "filter", void 0);
AlarmsArgs = __decorate([
    ArgsType()
], AlarmsArgs);
let AlarmRaisedArgs = class AlarmRaisedArgs {
};
__decorate([
    Field(() => ID, { nullable: true }),
    IsOptional(),
    IsUUID(),
    __metadata("design:type", Object)
], AlarmRaisedArgs.prototype, "regionId", void 0);
__decorate([
    Field(() => Severity, { nullable: true, description: 'Only alarms at least this severe.' }),
    __metadata("design:type", Object)
], AlarmRaisedArgs.prototype, "minSeverity", void 0);
AlarmRaisedArgs = __decorate([
    ArgsType()
], AlarmRaisedArgs);
let AlarmResolver = class AlarmResolver {
    constructor(alarmService) {
        this.alarmService = alarmService;
    }
    async alarms(args, ctx) {
        return toConnection(await this.alarmService.list(ctx, args.filter ?? {}, args));
    }
    server(alarm, ctx) {
        return ctx.loaders.serverById.load(alarm.server.id);
    }
    async alarmRaised(event, _args, ctx) {
        ctx.renew();
        const alarm = await this.alarmService.get(ctx, event.alarmId);
        if (!alarm)
            throw notFound('Alarm', event.alarmId);
        return alarm;
    }
};
__decorate([
    Query(() => AlarmConnection, { description: 'Alarms, most recent first.' }),
    __param(0, Args(() => AlarmsArgs)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [AlarmsArgs, Function]),
    __metadata("design:returntype", Promise)
], AlarmResolver.prototype, "alarms", null);
__decorate([
    FieldResolver(() => Server),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Alarm, Function]),
    __metadata("design:returntype", Promise)
], AlarmResolver.prototype, "server", null);
__decorate([
    Subscription(() => Alarm, {
        description: 'Alarms as agents raise them, after they are stored.',
        subscribe: ({ args, context }) => {
            const min = args.minSeverity ? severityRank(args.minSeverity) : 0;
            return subscribeScoped(context, Topic.ALARM_RAISED, {
                regionId: args.regionId,
                accept: (event) => severityRank(event.severity) >= min,
            });
        },
    }),
    __param(0, Root()),
    __param(1, Args(() => AlarmRaisedArgs)),
    __param(2, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, AlarmRaisedArgs, Function]),
    __metadata("design:returntype", Promise)
], AlarmResolver.prototype, "alarmRaised", null);
AlarmResolver = __decorate([
    Resolver(() => Alarm),
    __metadata("design:paramtypes", [Function])
], AlarmResolver);
export { AlarmResolver };
//# sourceMappingURL=alarm.resolver.js.map