import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
import { timestamp, uuid } from '../db/columns.js';

/** Who did what to which object, and the object before and after; written in the mutation's transaction. */
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['account', 'createdAt', 'id'] })
@Index({ properties: ['account', 'targetType', 'targetId'] })
@Index({ properties: ['account', 'action'] })
@Index({ properties: ['account', 'user'] })
export class AuditLog {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  /** Null for actions of the system itself (expiry sweeps, the first-start bootstrap). */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  user: Ref<User> | null = null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text' })
  targetType!: string;

  @Property({ type: 'text' })
  targetId!: string;

  @Property({ type: 'json', nullable: true })
  before: Record<string, unknown> | null = null;

  @Property({ type: 'json', nullable: true })
  after: Record<string, unknown> | null = null;

  @Property({ type: 'text', nullable: true })
  requestId: string | null = null;

  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
