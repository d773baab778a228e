import { Entity, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { User } from '../accounts/user.entity.js';
import { timestamp, uuid } from '../db/columns.js';
import type { PolicyDocument } from './policy.document.js';

/** The security policy of one region; every change bumps its version and is pushed to the agents. */
@Entity({ tableName: 'policy' })
@Unique({ properties: ['account', 'region'] })
export class Policy {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => Region, { ref: true, deleteRule: 'cascade' })
  region!: Ref<Region>;

  @Property({ type: 'integer' })
  version = 1;

  @Property({ type: 'json' })
  document!: PolicyDocument;

  @Property({ ...timestamp(), defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Who saved the current version; null once that user is deleted. */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  updatedBy: Ref<User> | null = null;
}
