import { BigIntType, Entity, ManyToOne, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Server } from '../servers/server.entity.js';

/** The HSS agent installed on a server. Its status lives on the server, where lists filter it. */
@Entity({ tableName: 'agent' })
@ObjectType({ description: 'The agent installed on a server.' })
export class Agent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade', index: true })
  account!: Ref<Account>;

  @OneToOne(() => Server, { ref: true, owner: true, deleteRule: 'cascade' })
  server!: Ref<Server>;

  @Field(() => String)
  @Property({ type: 'text' })
  version!: string;

  /** SHA-256 of the agent's own credential, issued once at enrollment. */
  @Property({ type: 'text', hidden: true, unique: true })
  credentialHash!: string;

  /**
   * SHA-256 of a rotated credential the agent has not acknowledged yet. Both are accepted until
   * it does (or authenticates with the new one), so a crash in between never locks it out.
   */
  @Property({ type: 'text', nullable: true, hidden: true, unique: true })
  pendingCredentialHash: string | null = null;

  /** An operator asked for a new credential; it is handed over on the agent's next connection. */
  @Property({ ...nullableTimestamp(), hidden: true })
  credentialRotationRequestedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the agent last took a new credential.' })
  @Property(nullableTimestamp())
  credentialRotatedAt: Date | null = null;

  /** The gateway connection the agent is on; a late close of an older connection changes nothing. */
  @Property({ type: 'text', nullable: true, hidden: true })
  connectionId: string | null = null;

  /** The machine id the live connection presented: another machine with the credential is refused. */
  @Property({ type: 'text', nullable: true, hidden: true })
  connectionMachineId: string | null = null;

  /**
   * The highest frame sequence number accepted from the agent: raised with each report's commit,
   * and with the batched last-seen write for heartbeats. A lower or equal one is a replay.
   */
  @Property({ type: new BigIntType('number'), default: 0, hidden: true })
  lastSeq = 0;

  /** The policy version the agent acknowledged last. */
  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  policyVersion: number | null = null;

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  enrolledAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property(nullableTimestamp())
  lastSeenAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property(nullableTimestamp())
  revokedAt: Date | null = null;
}
