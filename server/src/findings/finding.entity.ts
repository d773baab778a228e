import { FindingStatus, FindingType, Severity } from '@hss/schema';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Server } from '../servers/server.entity.js';

/** A risk found by a scan, deduplicated per server by its fingerprint. */
@Entity({ tableName: 'finding' })
@Unique({ properties: ['server', 'fingerprint'] })
@Index({ properties: ['account', 'server', 'status', 'severity'] })
@Index({ properties: ['account', 'status', 'severity', 'type'] })
@Index({ properties: ['account', 'lastSeenAt', 'id'] })
@ObjectType({ description: 'A risk found on a server: a vulnerability, unsafe configuration, weak password…' })
export class Finding {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => Server, { ref: true, deleteRule: 'cascade' })
  server!: Ref<Server>;

  @Field(() => FindingType)
  @Enum({ items: () => FindingType })
  type!: FindingType;

  @Field(() => Severity)
  @Enum({ items: () => Severity })
  severity!: Severity;

  @Field(() => FindingStatus)
  @Enum({ items: () => FindingStatus })
  status: FindingStatus = FindingStatus.OPEN;

  @Field(() => String, { description: 'Stable identity of the finding on its server, e.g. "baseline:ssh-root-login".' })
  @Property({ type: 'text' })
  fingerprint!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  remediation: string | null = null;

  @Property({ type: 'json', nullable: true })
  detail: Record<string, unknown> | null = null;

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  firstSeenAt: Date = new Date();

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  lastSeenAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property(nullableTimestamp())
  resolvedAt: Date | null = null;
}
