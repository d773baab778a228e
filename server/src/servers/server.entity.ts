import {
  AgentOfflineReason,
  AgentStatus,
  Architecture,
  BillingMode,
  DetectionResult,
  Hosting,
  OsType,
  ProtectionStatus,
} from '@hss/schema';
import {
  ArrayType,
  BeforeCreate,
  BeforeUpdate,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { nullableTimestamp, timestamp, uuid } from '../db/columns.js';
import { Edition } from '../editions/edition.entity.js';

/**
 * A protected (or protectable) host. Its three statuses are independent: whether its agent
 * talks to us, whether protection is on, and what the last detection found.
 *
 * The composite indexes serve the `servers` connection: every list is scoped to an account, often
 * to a region, and walked in (sort key, id) order, so each ordering has an index with and one
 * without the region.
 */
@Entity({ tableName: 'server' })
@Index({ properties: ['account', 'name', 'id'] })
@Index({ properties: ['account', 'createdAt', 'id'] })
@Index({ properties: ['account', 'riskScore', 'id'] })
@Index({ properties: ['account', 'region', 'name', 'id'] })
@Index({ properties: ['account', 'region', 'createdAt', 'id'] })
@Index({ properties: ['account', 'region', 'riskScore', 'id'] })
@Index({ properties: ['account', 'agentStatus'] })
@Index({ properties: ['account', 'protectionStatus'] })
@Index({ properties: ['account', 'detectionResult'] })
@Index({ properties: ['account', 'edition'] })
@ObjectType({ description: 'A server known to HSS, with or without an agent.' })
export class Server {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = uuid();

  @ManyToOne(() => Account, { ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne(() => Region, { ref: true })
  region!: Ref<Region>;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  hostname!: string;

  @Field(() => [String], { description: 'IPv4/IPv6 addresses, private first.' })
  @Property({ type: ArrayType })
  ips: string[] = [];

  @Field(() => OsType)
  @Enum({ items: () => OsType })
  osType: OsType = OsType.LINUX;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  osName: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  osVersion: string | null = null;

  @Field(() => Architecture, { nullable: true })
  @Enum({ items: () => Architecture, nullable: true })
  architecture: Architecture | null = null;

  @Field(() => Hosting)
  @Enum({ items: () => Hosting })
  hosting: Hosting = Hosting.ON_PREMISES;

  @Field(() => String, { nullable: true, description: 'Free-form server group.' })
  @Property({ type: 'text', nullable: true, fieldName: 'server_group' })
  group: string | null = null;

  /** /etc/machine-id as reported by the agent; matches a re-enrolling host to its server. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  machineId: string | null = null;

  @Field(() => AgentStatus)
  @Enum({ items: () => AgentStatus })
  agentStatus: AgentStatus = AgentStatus.NOT_INSTALLED;

  @Field(() => AgentOfflineReason, { nullable: true, description: 'Why the agent is OFFLINE; null otherwise.' })
  @Enum({ items: () => AgentOfflineReason, nullable: true })
  agentOfflineReason: AgentOfflineReason | null = null;

  @Field(() => Date, { description: 'When the agent status last changed.' })
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  agentStatusSince: Date = new Date();

  @Field(() => ProtectionStatus)
  @Enum({ items: () => ProtectionStatus })
  protectionStatus: ProtectionStatus = ProtectionStatus.DISABLED;

  @Field(() => String, { nullable: true, description: 'Why protection is INTERRUPTED; null otherwise.' })
  @Property({ type: 'text', nullable: true })
  protectionInterruptedCause: string | null = null;

  @Field(() => DetectionResult)
  @Enum({ items: () => DetectionResult })
  detectionResult: DetectionResult = DetectionResult.PENDING;

  /** The edition protecting the server; null while unprotected. */
  @ManyToOne(() => Edition, { ref: true, nullable: true, fieldName: 'edition_code' })
  edition: Ref<Edition> | null = null;

  @Field(() => BillingMode, { nullable: true })
  @Enum({ items: () => BillingMode, nullable: true })
  billingMode: BillingMode | null = null;

  /** Set once, when the free basic-edition on-demand trial starts; a server gets one trial. */
  @Field(() => Date, { nullable: true })
  @Property(nullableTimestamp())
  trialEndsAt: Date | null = null;

  /**
   * Weighted count of open findings (see findings/risk.ts); kept on the row so that ordering
   * by risk is an index walk.
   */
  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  riskScore = 0;

  @Field(() => Date, { nullable: true, description: 'When the agent last reported its assets.' })
  @Property(nullableTimestamp())
  inventoryAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property(nullableTimestamp())
  lastScanAt: Date | null = null;

  /** Lower-cased name, hostname and IPs, for the trigram-indexed text search. */
  @Property({ type: 'text', hidden: true })
  searchText = '';

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ ...timestamp(), defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @BeforeCreate()
  @BeforeUpdate()
  refreshSearchText(): void {
    this.searchText = [this.name, this.hostname, ...this.ips].join(' ').toLowerCase();
  }
}
