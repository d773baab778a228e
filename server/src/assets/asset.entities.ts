import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Server } from '../servers/server.entity.js';

/*
 * The assets an agent reports: each table holds the latest snapshot per server, replaced as a
 * whole by every inventory report (assets/inventory.service.ts), one statement per table.
 */

@Entity({ tableName: 'software' })
@Index({ properties: ['server', 'name'] })
@ObjectType({ description: 'An installed package.' })
export class Software {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = uuid();
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }) account!: Ref<Account>;
  @ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }) server!: Ref<Server>;
  @Field(() => String) @Property({ type: 'text' }) name!: string;
  @Field(() => String) @Property({ type: 'text' }) version!: string;
  @Field(() => String, { nullable: true }) @Property({ type: 'text', nullable: true }) architecture: string | null = null;
  @Field(() => String, { description: 'dpkg or rpm' }) @Property({ type: 'text' }) source!: string;
}

@Entity({ tableName: 'listening_port' })
@Index({ properties: ['server', 'port'] })
@ObjectType({ description: 'A listening socket.' })
export class ListeningPort {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = uuid();
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }) account!: Ref<Account>;
  @ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }) server!: Ref<Server>;
  @Field(() => String) @Property({ type: 'text' }) protocol!: string;
  @Field(() => String) @Property({ type: 'text' }) address!: string;
  @Field(() => Int) @Property({ type: 'integer' }) port!: number;
  @Field(() => Int, { nullable: true }) @Property({ type: 'integer', nullable: true }) pid: number | null = null;
  @Field(() => String, { nullable: true }) @Property({ type: 'text', nullable: true }) process: string | null = null;
}

@Entity({ tableName: 'process' })
@Index({ properties: ['server', 'pid'] })
@ObjectType('HostProcess', { description: 'A running process.' })
export class HostProcess {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = uuid();
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }) account!: Ref<Account>;
  @ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }) server!: Ref<Server>;
  @Field(() => Int) @Property({ type: 'integer' }) pid!: number;
  @Field(() => String) @Property({ type: 'text' }) name!: string;
  @Field(() => String) @Property({ type: 'text' }) commandLine!: string;
  @Field(() => String) @Property({ type: 'text', fieldName: 'user_name' }) user!: string;
  @Field(() => String, { nullable: true }) @Property({ type: 'text', nullable: true }) executable: string | null = null;
  @Field(() => Date, { nullable: true }) @Property(nullableTimestamp()) startedAt: Date | null = null;
}

@Entity({ tableName: 'host_account' })
@Index({ properties: ['server', 'name'] })
@ObjectType({ description: 'A local account of the host.' })
export class HostAccount {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = uuid();
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }) account!: Ref<Account>;
  @ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }) server!: Ref<Server>;
  @Field(() => String) @Property({ type: 'text' }) name!: string;
  @Field(() => Int) @Property({ type: 'integer' }) uid!: number;
  @Field(() => Int) @Property({ type: 'integer' }) gid!: number;
  @Field(() => String) @Property({ type: 'text' }) shell!: string;
  @Field(() => String) @Property({ type: 'text' }) home!: string;
  @Field(() => Boolean) @Property({ type: 'boolean' }) loginShell!: boolean;
  @Field(() => Boolean) @Property({ type: 'boolean' }) sudo!: boolean;
  @Field(() => Boolean) @Property({ type: 'boolean' }) emptyPassword!: boolean;
  @Field(() => String, { nullable: true }) @Property({ type: 'text', nullable: true }) passwordChangedAt: string | null = null;
}

@Entity({ tableName: 'autostart_item' })
@Index({ properties: ['server', 'name'] })
@ObjectType({ description: 'A program started automatically: an enabled systemd unit or a cron entry.' })
export class AutostartItem {
  @Field(() => ID) @PrimaryKey({ type: 'uuid' }) id: string = uuid();
  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true }) account!: Ref<Account>;
  @ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' }) server!: Ref<Server>;
  @Field(() => String, { description: 'systemd or cron' }) @Property({ type: 'text' }) kind!: string;
  @Field(() => String) @Property({ type: 'text' }) name!: string;
  @Field(() => String, { nullable: true }) @Property({ type: 'text', nullable: true }) command: string | null = null;
  @Field(() => String, { nullable: true }) @Property({ type: 'text', nullable: true, fieldName: 'user_name' }) user:
    | string
    | null = null;
}

/**
 * Ids of the agent messages already stored, so that a resent report is acknowledged again but
 * never stored twice. Pruned after a week: an agent resends within hours, not weeks.
 */
@Entity({ tableName: 'agent_message' })
@Index({ properties: ['receivedAt'] })
export class AgentMessage {
  [PrimaryKeyProp]?: ['agentId', 'messageId'];
  @PrimaryKey({ type: 'uuid' }) agentId!: string;
  @PrimaryKey({ type: 'text' }) messageId!: string;
  @Property({ ...timestamp(), defaultRaw: 'now()' }) receivedAt: Date = new Date();
}
