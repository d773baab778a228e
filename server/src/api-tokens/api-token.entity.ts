import { UserRole } from '@hss/schema';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';

/**
 * A bearer secret for an integration, acting with `role` within its account. Only the SHA-256 of
 * the secret is stored; the secret itself is returned once, by createApiToken.
 */
@Entity({ tableName: 'api_token' })
@Index({ properties: ['account', 'createdAt', 'id'] })
@ObjectType('ApiToken', { description: 'A token with which an integration calls the API. The secret is never shown again.' })
export class ApiToken {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => UserRole, { description: 'What the token may do; never more than its creator may.' })
  @Enum({ items: () => UserRole })
  role!: UserRole;

  /** The token acts on behalf of its creator: deleting the creator revokes it. */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy: Ref<User> | null = null;

  @Property({ type: 'text', unique: true, hidden: true })
  tokenHash!: string;

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'Null: the token does not expire.' })
  @Property(nullableTimestamp())
  expiresAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'Recorded at most about once a minute.' })
  @Property(nullableTimestamp())
  lastUsedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property(nullableTimestamp())
  revokedAt: Date | null = null;
}
