import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { User } from '../accounts/user.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';

/**
 * A short-lived secret with which agents enroll into one account and region. Only its SHA-256
 * is stored; the token itself is shown once, in the install command.
 */
@Entity({ tableName: 'enrollment_token' })
@Index({ properties: ['account', 'createdAt'] })
export class EnrollmentToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => Region, { ref: true, deleteRule: 'cascade' })
  region!: Ref<Region>;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy: Ref<User> | null = null;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property(timestamp())
  expiresAt!: Date;

  @Property({ type: 'integer', default: 0 })
  uses = 0;

  /** Enrollments the token allows; null: any number until it expires. */
  @Property({ type: 'integer', nullable: true })
  maxUses: number | null = null;

  @Property(nullableTimestamp())
  lastUsedAt: Date | null = null;

  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
