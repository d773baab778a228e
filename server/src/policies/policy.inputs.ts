import { AgentStatus } from '@hss/schema';
import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType, PageArgs } from '../graphql/connection.js';
import { Server } from '../servers/server.entity.js';

/** An IPv4/IPv6 address or CIDR block. */
const IP_OR_CIDR =
  /^(((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)(\/(3[0-2]|[12]?\d))?|[0-9a-fA-F:]*:[0-9a-fA-F:.]*(\/(12[0-8]|1[01]\d|\d?\d))?)$/;
const ABSOLUTE_PATH = /^\/[^\0]*$/;

@ObjectType('LoginProtectionPolicy')
@InputType('LoginProtectionInput')
export class LoginProtection {
  @Field(() => [String], { description: 'Logins from any other IP raise an ABNORMAL_LOGIN alarm; empty: none.' })
  @ArrayMaxSize(1000)
  @Matches(IP_OR_CIDR, { each: true, message: 'each of commonLoginIps must be an IP address or CIDR block' })
  commonLoginIps!: string[];

  @Field(() => [String], { description: 'SSH from outside this list raises an alarm; empty: no whitelist.' })
  @ArrayMaxSize(1000)
  @Matches(IP_OR_CIDR, { each: true, message: 'each of sshWhitelist must be an IP address or CIDR block' })
  sshWhitelist!: string[];

  @Field(() => Boolean, { description: 'Also reject SSH from outside the whitelist (firewall rule on the host).' })
  enforceSshWhitelist!: boolean;
}

@ObjectType('BruteForcePolicy')
@InputType('BruteForceInput')
export class BruteForce {
  @Field(() => Int, { description: 'Failed logins from one IP that count as an attack (default 5).' })
  @IsInt()
  @Min(1)
  @Max(1000)
  threshold!: number;

  @Field(() => Int, { description: 'Within this many seconds (default 30).' })
  @IsInt()
  @Min(1)
  @Max(86_400)
  windowSeconds!: number;

  @Field(() => Int, { description: 'How long the IP stays blocked (default 43200, 12 h); 0: alarm only.' })
  @IsInt()
  @Min(0)
  @Max(30 * 86_400)
  blockSeconds!: number;
}

@ObjectType('WebTamperPolicy')
@InputType('WebTamperInput')
export class WebTamper {
  @Field(() => [String], { description: 'Absolute paths of the protected web directories.' })
  @ArrayMaxSize(100)
  @Matches(ABSOLUTE_PATH, { each: true, message: 'each of directories must be an absolute path' })
  @MaxLength(4096, { each: true })
  directories!: string[];

  @Field(() => Boolean, { description: 'Paused while a person updates the site.' })
  paused!: boolean;
}

@ObjectType({ description: 'The security policy of a region, pushed to its agents.' })
export class PolicyView {
  @Field(() => ID) regionId!: string;
  @Field(() => Int, { description: '0 until the first change; every change adds one.' }) version!: number;
  @Field(() => LoginProtection) loginProtection!: LoginProtection;
  @Field(() => BruteForce) bruteForce!: BruteForce;
  @Field(() => [String]) fimPaths!: string[];
  @Field(() => WebTamper) webTamper!: WebTamper;
  @Field(() => Boolean) isolateMaliciousFiles!: boolean;
  @Field(() => Int, { description: 'Online agents of the region that acknowledged this version.' }) acknowledgedBy!: number;
  @Field(() => Date, { nullable: true, description: 'When this version was saved; null while the region has the defaults.' })
  updatedAt!: Date | null;
  /** Resolved to `updatedBy` through the request's user loader. */
  updatedById!: string | null;
}

@ObjectType({ description: "Whether one of the region's agents runs the policy's current version." })
export class PolicyAgentStatus {
  @Field(() => Server) server!: Server;
  @Field(() => AgentStatus) agentStatus!: AgentStatus;
  @Field(() => Int, { nullable: true, description: 'The policy version the agent acknowledged last; null: none yet.' })
  appliedVersion!: number | null;
  @Field(() => Boolean, { description: 'The agent acknowledged the current version (or a later one).' }) upToDate!: boolean;
}

export const PolicyAgentStatusConnection = ConnectionType(PolicyAgentStatus, 'PolicyAgentStatus');

@ArgsType()
export class PolicyAgentsArgs extends PageArgs {
  @Field(() => [AgentStatus], { nullable: true, description: 'Only agents with one of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(10)
  agentStatus?: AgentStatus[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only agents that run the current version; false: only the others.',
  })
  @IsOptional()
  upToDate?: boolean | null;
}

@InputType({ description: 'Fields left out keep their value.' })
export class UpdatePolicyInput {
  @Field(() => ID)
  @IsUUID()
  regionId!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version the change was based on (PolicyView.version as loaded). If the policy has changed since, nothing is saved and the error (BAD_USER_INPUT) carries extensions.currentVersion. Left out: the change applies to whatever version is current.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number | null;

  @Field(() => LoginProtection, { nullable: true })
  @IsOptional()
  @ValidateNested()
  loginProtection?: LoginProtection | null;

  @Field(() => BruteForce, { nullable: true })
  @IsOptional()
  @ValidateNested()
  bruteForce?: BruteForce | null;

  @Field(() => [String], { nullable: true, description: 'Absolute paths watched by file integrity monitoring.' })
  @IsOptional()
  @ArrayMaxSize(1000)
  @Matches(ABSOLUTE_PATH, { each: true, message: 'each of fimPaths must be an absolute path' })
  @MaxLength(4096, { each: true })
  fimPaths?: string[] | null;

  @Field(() => WebTamper, { nullable: true })
  @IsOptional()
  @ValidateNested()
  webTamper?: WebTamper | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  isolateMaliciousFiles?: boolean | null;
}
