import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';

/** A bearer token issued by `login`. Only the SHA-256 of the token is stored. */
@Entity({ tableName: 'session' })
@Index({ properties: ['user'] })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property(timestamp())
  expiresAt!: Date;

  @Property(nullableTimestamp())
  revokedAt: Date | null = null;
}
