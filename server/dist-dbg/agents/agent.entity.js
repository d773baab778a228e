var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Entity, ManyToOne, OneToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Server } from '../servers/server.entity.js';
/** The HSS agent installed on a server. Its status lives on the server, where lists filter it. */
let Agent = class Agent {
    constructor() {
        this.id = uuid();
        /** The gateway connection the agent is on; a late close of an older connection changes nothing. */
        this.connectionId = null;
        /** The policy version the agent acknowledged last. */
        this.policyVersion = null;
        this.enrolledAt = new Date();
        this.lastSeenAt = null;
        this.revokedAt = null;
    }
};
__decorate([
    Field(() => ID),
    PrimaryKey({ type: 'uuid' }),
    __metadata("design:type", String)
], Agent.prototype, "id", void 0);
__decorate([
    ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }),
    __metadata("design:type", Object)
], Agent.prototype, "account", void 0);
__decorate([
    OneToOne(() => Server, { ref: true, owner: true, deleteRule: 'cascade' }),
    __metadata("design:type", Object)
], Agent.prototype, "server", void 0);
__decorate([
    Field(() => String),
    Property({ type: 'text' }),
    __metadata("design:type", String)
], Agent.prototype, "version", void 0);
__decorate([
    Property({ type: 'text', hidden: true, unique: true }),
    __metadata("design:type", String)
], Agent.prototype, "credentialHash", void 0);
__decorate([
    Property({ type: 'text', nullable: true, hidden: true }),
    __metadata("design:type", Object)
], Agent.prototype, "connectionId", void 0);
__decorate([
    Field(() => Int, { nullable: true }),
    Property({ type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], Agent.prototype, "policyVersion", void 0);
__decorate([
    Field(() => Date),
    Property({ ...timestamp(), defaultRaw: 'now()' }),
    __metadata("design:type", Date)
], Agent.prototype, "enrolledAt", void 0);
__decorate([
    Field(() => Date, { nullable: true }),
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], Agent.prototype, "lastSeenAt", void 0);
__decorate([
    Field(() => Date, { nullable: true }),
    Property(nullableTimestamp()),
    __metadata("design:type", Object)
], Agent.prototype, "revokedAt", void 0);
Agent = __decorate([
    Entity({ tableName: 'agent' }),
    ObjectType({ description: 'The agent installed on a server.' })
], Agent);
export { Agent };
//# sourceMappingURL=agent.entity.js.map