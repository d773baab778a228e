import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
import { ApiToken } from '../api-tokens/api-token.entity.js';
import { timestamp, uuid } from '../db/columns.js';

/** Who did what to which object, and the object before and after; written in the mutation's transaction. */
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['account', 'createdAt', 'id'] })
@Index({ properties: ['account', 'targetType', 'targetId'] })
@Index({ properties: ['account', 'action'] })
@Index({ properties: ['account', 'user'] })
@Index({ properties: ['account', 'apiToken'] })
@ObjectType({ description: 'Who did what to which object, with the object before and after.' })
export class AuditLog {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  /** Null for actions of the system itself (expiry sweeps, the first-start bootstrap). */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  user: Ref<User> | null = null;

  /** The API token the user acted with; null for a console session or the system, and once the token row is deleted. */
  @ManyToOne(() => ApiToken, { ref: true, nullable: true, deleteRule: 'set null' })
  apiToken: Ref<ApiToken> | null = null;

  @Field(() => String, { description: 'e.g. ENABLE_PROTECTION, BIND_QUOTA, REVOKE_AGENT.' })
  @Property({ type: 'text' })
  action!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  targetType!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  targetId!: string;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Property({ type: 'json', nullable: true })
  before: Record<string, unknown> | null = null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Property({ type: 'json', nullable: true })
  after: Record<string, unknown> | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  requestId: string | null = null;

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
