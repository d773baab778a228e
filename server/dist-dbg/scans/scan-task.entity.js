var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { ScanStatus, ScanTrigger } from '@hss/schema';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Server } from '../servers/server.entity.js';
/** A full detection run on one server. Queued here; the agent gateway delivers it. */
let ScanTask = class ScanTask {
    constructor() {
        this.id = uuid();
        this.status = ScanStatus.QUEUED;
        this.progress = 0;
        this.error = null;
        this.createdAt = new Date();
        /** The day a DAILY scan is for (in HSS_SCAN_TZ); unique per server, so each day's scan exists once. */
        this.scheduledFor = null;
        /** Last time the task was handed to the agent; a reconnecting agent gets QUEUED tasks again. */
        this.sentAt = null;
        this.startedAt = null;
        this.finishedAt = null;
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], ScanTask.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], ScanTask.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], ScanTask.prototype, "server", void 0);
__decorate([
    Field(() => ScanTrigger),
    Enum({ items: () => ScanTrigger }),
    __metadata("design:type", String)
], ScanTask.prototype, "trigger", void 0);
__decorate([
    Field(() => ScanStatus),
    Enum({ items: () => ScanStatus }),
    __metadata("design:type", String)
], ScanTask.prototype, "status", void 0);
__decorate([
    Field(() => Int, { description: 'Percent done, 0–100.' }),
    Property({ type: 'integer', default: 0 }),
    __metadata("design:type", Object)
], ScanTask.prototype, "progress", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ScanTask.prototype, "error", void 0);
__decorate([
    Field(() => Date),
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], ScanTask.prototype, "createdAt", void 0);
__decorate([
    Property({ type: 'date', nullable: true }),
    __metadata("design:type", Object)
], ScanTask.prototype, "scheduledFor", void 0);
__decorate([
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], ScanTask.prototype, "sentAt", void 0);
__decorate([
    Field(() => Date, { nullable: true }),
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], ScanTask.prototype, "startedAt", void 0);
__decorate([
    Field(() => Date, { nullable: true }),
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], ScanTask.prototype, "finishedAt", void 0);
ScanTask = __decorate([
    Entity({ tableName: 'scan_task' }),
    Index({ properties: ['account', 'server', 'createdAt'] }),
    Index({ properties: ['status', 'server'] }),
    ObjectType({ description: 'A detection run on one server.' })
], ScanTask);
export { ScanTask };
//# sourceMappingURL=scan-task.entity.js.map