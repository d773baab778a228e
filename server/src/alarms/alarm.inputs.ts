import { AlarmAction, AlarmStatus, AlarmType, Severity } from '@hss/schema';
import { ArrayMaxSize, ArrayNotEmpty, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Alarm } from './alarm.entity.js';
import { AlarmWhitelistEntry } from './alarm-whitelist.entity.js';

@InputType()
export class AlarmFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  serverId?: string;

  @Field(() => [Severity], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  severity?: Severity[];

  @Field(() => [AlarmStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  status?: AlarmStatus[];

  @Field(() => [AlarmType], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  type?: AlarmType[];
}

@InputType()
export class HandleAlarmsInput {
  @Field(() => [ID], { description: 'Up to 100 alarms of your account.' })
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  alarmIds!: string[];

  @Field(() => AlarmAction)
  action!: AlarmAction;

  @Field(() => String, { nullable: true, description: 'Why; kept in the audit log and on whitelist rules.' })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}

@ObjectType()
export class HandleAlarmsPayload {
  @Field(() => [Alarm])
  alarms!: Alarm[];

  @Field(() => [AlarmWhitelistEntry], {
    description: 'Whitelist rules created (WHITELIST only; existing identical rules are reused).',
  })
  whitelistEntries!: AlarmWhitelistEntry[];
}

@InputType()
export class RemoveAlarmWhitelistEntryInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
