import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { timestamp, uuid } from '../db/columns.js';

/** A tenant. Every other row carries its account; every query is scoped to the caller's. */
@Entity({ tableName: 'account' })
export class Account {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @Property({ type: 'text' })
  name!: string;

  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
