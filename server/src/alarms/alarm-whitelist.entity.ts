import { AlarmType } from '@hss/schema';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { User } from '../accounts/user.entity.js';
import { timestamp, uuid } from '../db/columns.js';

/**
 * A rule that says "this is expected here": an alarm of `type` in the region whose source IP
 * and file path match (an empty field matches anything) is stored as WHITELISTED and not
 * announced. Kept on the control plane so a rule applies at once to every agent of the region,
 * whatever version it runs.
 */
@Entity({ tableName: 'alarm_whitelist_entry' })
@Index({ properties: ['account', 'region', 'type'] })
@ObjectType({ description: 'An alarm whitelist rule of a region.' })
export class AlarmWhitelistEntry {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => Region, { ref: true, deleteRule: 'cascade' })
  region!: Ref<Region>;

  @Field(() => AlarmType)
  @Enum({ items: () => AlarmType })
  type!: AlarmType;

  @Field(() => String, { nullable: true, description: 'Only alarms from this source IP; null: any.' })
  @Property({ type: 'text', nullable: true })
  sourceIp: string | null = null;

  @Field(() => String, { nullable: true, description: 'Only alarms about this file path; null: any.' })
  @Property({ type: 'text', nullable: true })
  path: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy: Ref<User> | null = null;

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
