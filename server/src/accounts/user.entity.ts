import { UserRole } from '@hss/schema';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { timestamp, uuid } from '../db/columns.js';
import { Account } from './account.entity.js';

@Entity({ tableName: 'app_user' })
@ObjectType('User', { description: 'A person who signs in to the console or the API.' })
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true })
  account!: Ref<Account>;

  /** Stored lower-case; unique across the installation so that login needs no account name. */
  @Field(() => String)
  @Property({ type: 'text', unique: true })
  email!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  displayName!: string;

  /** argon2id PHC string; never leaves the server. */
  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Field(() => UserRole)
  @Enum({ items: () => UserRole })
  role: UserRole = UserRole.VIEWER;

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
