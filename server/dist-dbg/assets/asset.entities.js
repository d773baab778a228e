var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Server } from '../servers/server.entity.js';
/*
 * The assets an agent reports: each table holds the latest snapshot per server, replaced as a
 * whole by every inventory report (assets/inventory.service.ts), one statement per table.
 */
let Software = class Software {
    constructor() {
        this.id = uuid();
        this.architecture = null;
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], Software.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }),
    __metadata("design:type", Object)
], Software.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Software.prototype, "server", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Software.prototype, "name", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Software.prototype, "version", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Software.prototype, "architecture", void 0);
__decorate([
    Field(() => String, { description: 'dpkg or rpm' }),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Software.prototype, "source", void 0);
Software = __decorate([
    Entity({ tableName: 'software' }),
    Index({ properties: ['server', 'name'] }),
    ObjectType({ description: 'An installed package.' })
], Software);
export { Software };
let ListeningPort = class ListeningPort {
    constructor() {
        this.id = uuid();
        this.pid = null;
        this.process = null;
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], ListeningPort.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }),
    __metadata("design:type", Object)
], ListeningPort.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], ListeningPort.prototype, "server", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], ListeningPort.prototype, "protocol", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], ListeningPort.prototype, "address", void 0);
__decorate([
    Field(() => Int),
    Property({ type: 'integer' }),
    __metadata("design:type", Number)
], ListeningPort.prototype, "port", void 0);
__decorate([
    Field(() => Int, { nullable: true }),
    Property({ type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], ListeningPort.prototype, "pid", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ListeningPort.prototype, "process", void 0);
ListeningPort = __decorate([
    Entity({ tableName: 'listening_port' }),
    Index({ properties: ['server', 'port'] }),
    ObjectType({ description: 'A listening socket.' })
], ListeningPort);
export { ListeningPort };
let HostProcess = class HostProcess {
    constructor() {
        this.id = uuid();
        this.executable = null;
        this.startedAt = null;
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], HostProcess.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }),
    __metadata("design:type", Object)
], HostProcess.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], HostProcess.prototype, "server", void 0);
__decorate([
    Field(() => Int),
    Property({ type: 'integer' }),
    __metadata("design:type", Number)
], HostProcess.prototype, "pid", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], HostProcess.prototype, "name", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], HostProcess.prototype, "commandLine", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text', fieldName: 'user_name' }),
    __metadata("design:type", String)
], HostProcess.prototype, "user", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], HostProcess.prototype, "executable", void 0);
__decorate([
    Field(() => Date, { nullable: true }),
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], HostProcess.prototype, "startedAt", void 0);
HostProcess = __decorate([
    Entity({ tableName: 'process' }),
    Index({ properties: ['server', 'pid'] }),
    ObjectType('HostProcess', { description: 'A running process.' })
], HostProcess);
export { HostProcess };
let HostAccount = class HostAccount {
    constructor() {
        this.id = uuid();
        this.passwordChangedAt = null;
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], HostAccount.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }),
    __metadata("design:type", Object)
], HostAccount.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], HostAccount.prototype, "server", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], HostAccount.prototype, "name", void 0);
__decorate([
    Field(() => Int),
    Property({ type: 'integer' }),
    __metadata("design:type", Number)
], HostAccount.prototype, "uid", void 0);
__decorate([
    Field(() => Int),
    Property({ type: 'integer' }),
    __metadata("design:type", Number)
], HostAccount.prototype, "gid", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], HostAccount.prototype, "shell", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], HostAccount.prototype, "home", void 0);
__decorate([
    Field(() => Boolean),
    Property({ type: 'boolean' }),
    __metadata("design:type", Boolean)
], HostAccount.prototype, "loginShell", void 0);
__decorate([
    Field(() => Boolean),
    Property({ type: 'boolean' }),
    __metadata("design:type", Boolean)
], HostAccount.prototype, "sudo", void 0);
__decorate([
    Field(() => Boolean),
    Property({ type: 'boolean' }),
    __metadata("design:type", Boolean)
], HostAccount.prototype, "emptyPassword", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], HostAccount.prototype, "passwordChangedAt", void 0);
HostAccount = __decorate([
    Entity({ tableName: 'host_account' }),
    Index({ properties: ['server', 'name'] }),
    ObjectType({ description: 'A local account of the host.' })
], HostAccount);
export { HostAccount };
let AutostartItem = class AutostartItem {
    constructor() {
        this.id = uuid();
        this.command = null;
        this.user = null;
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], AutostartItem.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }),
    __metadata("design:type", Object)
], AutostartItem.prototype, "account", void 0);
__decorate([
    ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], AutostartItem.prototype, "server", void 0);
__decorate([
    Field(() => String, { description: 'systemd or cron' }),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], AutostartItem.prototype, "kind", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], AutostartItem.prototype, "name", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    Property({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], AutostartItem.prototype, "command", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    Property({ type: 'text', nullable: true, fieldName: 'user_name' }),
    __metadata("design:type", Object)
], AutostartItem.prototype, "user", void 0);
AutostartItem = __decorate([
    Entity({ tableName: 'autostart_item' }),
    Index({ properties: ['server', 'name'] }),
    ObjectType({ description: 'A program started automatically: an enabled systemd unit or a cron entry.' })
], AutostartItem);
export { AutostartItem };
/**
 * Ids of the agent messages already stored, so that a resent report is acknowledged again but
 * never stored twice. Pruned after a week: an agent resends within hours, not weeks.
 */
let AgentMessage = class AgentMessage {
    constructor() {
        this.receivedAt = new Date();
    }
};
__decorate([
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], AgentMessage.prototype, "agentId", void 0);
__decorate([
    PrimaryKey({ type: 'text' }),
    __metadata("design:type", String)
], AgentMessage.prototype, "messageId", void 0);
__decorate([
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], AgentMessage.prototype, "receivedAt", void 0);
AgentMessage = __decorate([
    Entity({ tableName: 'agent_message' }),
    Index({ properties: ['receivedAt'] })
], AgentMessage);
export { AgentMessage };
//# sourceMappingURL=asset.entities.js.map