import { BillingMode, QuotaStatus } from '@hss/schema';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Edition } from '../editions/edition.entity.js';
import { Server } from '../servers/server.entity.js';

/**
 * A purchased licence that protects one server. The partial unique index on `server_id`
 * (created in the migration) makes a double binding impossible even if a rule were skipped.
 */
@Entity({ tableName: 'quota' })
@Index({ properties: ['account', 'region', 'edition', 'status', 'expiresAt'] })
@Index({ properties: ['account', 'status'] })
@Index({ properties: ['account', 'createdAt', 'id'] })
@ObjectType({ description: 'A purchased protection quota for one server.' })
export class Quota {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => Region, { ref: true })
  region!: Ref<Region>;

  @ManyToOne(() => Edition, { ref: true, fieldName: 'edition_code' })
  edition!: Ref<Edition>;

  @Field(() => BillingMode)
  @Enum({ items: () => BillingMode })
  billingMode: BillingMode = BillingMode.YEARLY_MONTHLY;

  /** As stored; the API reports EXPIRED as soon as `expiresAt` passes (see QuotaService). */
  @Enum({ items: () => QuotaStatus })
  status: QuotaStatus = QuotaStatus.IDLE;

  @ManyToOne(() => Server, { ref: true, nullable: true, deleteRule: 'set null' })
  server: Ref<Server> | null = null;

  @Field(() => Date)
  @Property(timestamp())
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property(nullableTimestamp())
  boundAt: Date | null = null;

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
