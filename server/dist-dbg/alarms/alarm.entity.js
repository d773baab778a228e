var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { AlarmStatus, AlarmType, Severity } from '@hss/schema';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Server } from '../servers/server.entity.js';
/** An intrusion event raised by an agent. */
let Alarm = class Alarm {
    constructor() {
        this.id = uuid();
        this.status = AlarmStatus.UNHANDLED;
        this.sourceIp = null;
        this.detail = null;
        this.createdAt = new Date();
        this.handledAt = null;
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], Alarm.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Alarm.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Alarm.prototype, "server", void 0);
__decorate([
    Field(() => AlarmType),
    Enum({ items: () => AlarmType }),
    __metadata("design:type", String)
], Alarm.prototype, "type", void 0);
__decorate([
    Field(() => Severity),
    Enum({ items: () => Severity }),
    __metadata("design:type", String)
], Alarm.prototype, "severity", void 0);
__decorate([
    Field(() => AlarmStatus),
    Enum({ items: () => AlarmStatus }),
    __metadata("design:type", String)
], Alarm.prototype, "status", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Alarm.prototype, "title", void 0);
__decorate([
    Field(() => String, { nullable: true, description: 'Source IP of the attack or login, when known.' }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Alarm.prototype, "sourceIp", void 0);
__decorate([
    Property({ type: 'json', nullable: true }),
    __metadata("design:type", Object)
], Alarm.prototype, "detail", void 0);
__decorate([
    Field(() => Date),
    Property(timestamp()),
    __metadata("design:type", Date)
], Alarm.prototype, "occurredAt", void 0);
__decorate([
    Field(() => Date),
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], Alarm.prototype, "createdAt", void 0);
__decorate([
    Field(() => Date, { nullable: true }),
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], Alarm.prototype, "handledAt", void 0);
Alarm = __decorate([
    Entity({ tableName: 'alarm' }),
    Index({ properties: ['account', 'occurredAt', 'id'] }),
    Index({ properties: ['account', 'server', 'status', 'severity'] }),
    Index({ properties: ['account', 'status', 'severity', 'type'] }),
    ObjectType({ description: 'An intrusion alarm: brute force, abnormal login, malicious program, tampering…' })
], Alarm);
export { Alarm };
//# sourceMappingURL=alarm.entity.js.map