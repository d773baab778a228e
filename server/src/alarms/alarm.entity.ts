import { AlarmStatus, AlarmType, Severity } from '@hss/schema';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Server } from '../servers/server.entity.js';

/** An intrusion event raised by an agent. */
@Entity({ tableName: 'alarm' })
@Index({ properties: ['account', 'occurredAt', 'id'] })
@Index({ properties: ['account', 'server', 'status', 'severity'] })
@Index({ properties: ['account', 'status', 'severity', 'type'] })
@ObjectType({ description: 'An intrusion alarm: brute force, abnormal login, malicious program, tampering…' })
export class Alarm {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' })
  server!: Ref<Server>;

  @Field(() => AlarmType)
  @Enum({ items: () => AlarmType })
  type!: AlarmType;

  @Field(() => Severity)
  @Enum({ items: () => Severity })
  severity!: Severity;

  @Field(() => AlarmStatus)
  @Enum({ items: () => AlarmStatus })
  status: AlarmStatus = AlarmStatus.UNHANDLED;

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Source IP of the attack or login, when known.' })
  @Property({ type: 'text', nullable: true })
  sourceIp: string | null = null;

  @Property({ type: 'json', nullable: true })
  detail: Record<string, unknown> | null = null;

  @Field(() => Date)
  @Property(timestamp())
  occurredAt!: Date;

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property(nullableTimestamp())
  handledAt: Date | null = null;
}
