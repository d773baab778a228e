import { ScanStatus, ScanTrigger } from '@hss/schema';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Server } from '../servers/server.entity.js';

/** A full detection run on one server. Queued here; the agent gateway delivers it. */
@Entity({ tableName: 'scan_task' })
@Index({ properties: ['account', 'server', 'createdAt'] })
@Index({ properties: ['status', 'server'] })
@ObjectType({ description: 'A detection run on one server.' })
export class ScanTask {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' })
  server!: Ref<Server>;

  @Field(() => ScanTrigger)
  @Enum({ items: () => ScanTrigger })
  trigger!: ScanTrigger;

  @Field(() => ScanStatus)
  @Enum({ items: () => ScanStatus })
  status: ScanStatus = ScanStatus.QUEUED;

  @Field(() => Int, { description: 'Percent done, 0–100.' })
  @Property({ type: 'integer', default: 0 })
  progress = 0;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** The day a DAILY scan is for (in HSS_SCAN_TZ); unique per server, so each day's scan exists once. */
  @Property({ type: 'date', nullable: true })
  scheduledFor: string | null = null;

  /** Last time the task was handed to the agent; a reconnecting agent gets QUEUED tasks again. */
  @Property(nullableTimestamp())
  sentAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property(nullableTimestamp())
  startedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property(nullableTimestamp())
  finishedAt: Date | null = null;
}
