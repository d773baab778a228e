import { AgentStatus, Architecture, DetectionResult, EditionCode, Hosting, OsType, ProtectionStatus } from '@hss/schema';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIP,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  NotContains,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../common/pagination.js';
import { Server } from './server.entity.js';

/** PostgreSQL text cannot hold NUL: refuse it as input instead of failing in SQL. */
const NO_NUL = { message: '$property must not contain NUL characters' };

export enum ServerOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  RISK = 'RISK',
}
registerEnumType(ServerOrderField, { name: 'ServerOrderField' });

@InputType({ description: 'Every field narrows the list; lists match any of their values.' })
export class ServerFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => [AgentStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  agentStatus?: AgentStatus[];

  @Field(() => [ProtectionStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  protectionStatus?: ProtectionStatus[];

  @Field(() => [DetectionResult], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  detectionResult?: DetectionResult[];

  @Field(() => [EditionCode], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  edition?: EditionCode[];

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of name, hostname or an IP.' })
  @IsOptional()
  @MaxLength(200)
  @NotContains('\u0000', NO_NUL)
  search?: string;
}

@InputType()
export class ServerOrder {
  @Field(() => ServerOrderField)
  field: ServerOrderField = ServerOrderField.NAME;

  @Field(() => OrderDirection)
  direction: OrderDirection = OrderDirection.ASC;
}

const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;

@InputType({ description: 'A server to pre-register before its agent is installed.' })
export class RegisterServerInput {
  @Field(() => String)
  @MinLength(1)
  @MaxLength(128)
  @NotContains('\u0000', NO_NUL)
  name!: string;

  @Field(() => String)
  @MaxLength(253)
  @Matches(HOSTNAME, { message: 'hostname must contain only letters, digits, dots and hyphens' })
  hostname!: string;

  @Field(() => [String])
  @ArrayMaxSize(32)
  @IsIP(undefined, { each: true, message: 'each of ips must be an IPv4 or IPv6 address' })
  ips: string[] = [];

  @Field(() => OsType)
  osType: OsType = OsType.LINUX;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(128)
  @NotContains('\u0000', NO_NUL)
  osName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  @NotContains('\u0000', NO_NUL)
  osVersion?: string;

  @Field(() => Architecture, { nullable: true })
  @IsOptional()
  architecture?: Architecture;

  @Field(() => Hosting)
  hosting: Hosting = Hosting.ON_PREMISES;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(128)
  @NotContains('\u0000', NO_NUL)
  group?: string;
}

@InputType()
export class RegisterServersInput {
  @Field(() => ID)
  @IsUUID()
  regionId!: string;

  @Field(() => [RegisterServerInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  servers!: RegisterServerInput[];
}

@ObjectType()
export class RegisterServersPayload {
  @Field(() => [Server])
  servers!: Server[];
}
