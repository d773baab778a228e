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
import { ScanStatus } from '@hss/schema';
import { IsUUID } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import { Topic } from '../events/topics.js';
import { subscribeScoped } from '../graphql/subscriptions.js';
import { Server } from '../servers/server.entity.js';
import { ScanTask } from './scan-task.entity.js';
let ScanProgress = class ScanProgress {
};
__decorate([
    Field(() => ID),
    __metadata("design:type", String)
], ScanProgress.prototype, "scanTaskId", void 0);
__decorate([
    Field(() => ID),
    __metadata("design:type", String)
], ScanProgress.prototype, "serverId", void 0);
__decorate([
    Field(() => ScanStatus),
    __metadata("design:type", String)
], ScanProgress.prototype, "status", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Number)
], ScanProgress.prototype, "progress", void 0);
ScanProgress = __decorate([
    ObjectType({ description: 'A step of a scan: queued, running with progress, done, failed or timed out.' })
], ScanProgress);
export { ScanProgress };
let StartScanInput = class StartScanInput {
};
__decorate([
    Field(() => ID),
    IsUUID(),
    __metadata("design:type", String)
], StartScanInput.prototype, "serverId", void 0);
StartScanInput = __decorate([
    InputType()
], StartScanInput);
export { StartScanInput };
let StartScanPayload = class StartScanPayload {
};
__decorate([
    Field(() => ScanTask),
    __metadata("design:type", ScanTask)
], StartScanPayload.prototype, "scanTask", void 0);
StartScanPayload = __decorate([
    ObjectType()
], StartScanPayload);
export { StartScanPayload };
let ScanResolver = class ScanResolver {
    constructor(scanService) {
        this.scanService = scanService;
    }
    async startScan(input, ctx) {
        return { scanTask: await this.scanService.startScan(ctx, input.serverId) };
    }
    scanTasks(serverId, last, ctx) {
        return this.scanService.recent(ctx, serverId, last);
    }
    server(task, ctx) {
        return ctx.loaders.serverById.load(task.server.id);
    }
    scanProgress(event, _serverId) {
        return { scanTaskId: event.scanTaskId, serverId: event.serverId, status: event.status, progress: event.progress };
    }
};
__decorate([
    Mutation(() => StartScanPayload, { description: 'Starts a full scan of a protected server ("Scan now"); queued while its agent is offline.' }),
    __param(0, Arg('input', () => StartScanInput)),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [StartScanInput, Function]),
    __metadata("design:returntype", Promise)
], ScanResolver.prototype, "startScan", null);
__decorate([
    Query(() => [ScanTask], { description: 'The latest scans of a server, newest first.' }),
    __param(0, Arg('serverId', () => ID)),
    __param(1, Arg('last', () => Int, { defaultValue: 20 })),
    __param(2, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Number, Function]),
    __metadata("design:returntype", Promise)
], ScanResolver.prototype, "scanTasks", null);
__decorate([
    FieldResolver(() => Server),
    __param(0, Root()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ScanTask, Function]),
    __metadata("design:returntype", Promise)
], ScanResolver.prototype, "server", null);
__decorate([
    Subscription(() => ScanProgress, {
        description: 'Progress of the scans of one server.',
        subscribe: async ({ args, context }) => {
            const ctx = context;
            const serverId = assertId(args.serverId, 'serverId');
            const iterable = await subscribeScoped(ctx, Topic.SCAN_PROGRESS, { accept: (event) => event.serverId === serverId });
            // The server must be the caller's: NOT_FOUND otherwise, as for every other root field.
            if (!(await ctx.loaders.serverById.load(serverId)))
                throw notFound('Server', serverId);
            return iterable;
        },
    }),
    __param(0, Root()),
    __param(1, Arg('serverId', () => ID)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", ScanProgress)
], ScanResolver.prototype, "scanProgress", null);
ScanResolver = __decorate([
    Resolver(() => ScanTask),
    __metadata("design:paramtypes", [Function])
], ScanResolver);
export { ScanResolver };
//# sourceMappingURL=scan.resolver.js.map