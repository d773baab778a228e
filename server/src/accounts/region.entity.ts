import { Entity, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { timestamp, uuid } from '../db/columns.js';
import { Account } from './account.entity.js';

@Entity({ tableName: 'region' })
@Unique({ properties: ['account', 'code'] })
@ObjectType({ description: 'A region: servers, quotas and the console view are per region.' })
export class Region {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Field(() => String, { description: 'Short stable code, e.g. "default" or "ap-singapore".' })
  @Property({ type: 'text' })
  code!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
