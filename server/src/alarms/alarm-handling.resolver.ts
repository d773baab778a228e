import { IsUUID } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import { HandleAlarmsInput, HandleAlarmsPayload, RemoveAlarmWhitelistEntryInput } from './alarm.inputs.js';
import type { AlarmHandling } from './alarm.service.js';
import { AlarmWhitelistEntry } from './alarm-whitelist.entity.js';

@ArgsType()
class AlarmWhitelistArgs {
  @Field(() => ID)
  @IsUUID()
  regionId!: string;
}

@Resolver()
export class AlarmHandlingResolver {
  constructor(private readonly handling: AlarmHandling) {}

  @Mutation(() => HandleAlarmsPayload, {
    description:
      'Marks alarms HANDLED or IGNORED, or whitelists them (a rule for the region, so matching alarms stop being announced).',
  })
  handleAlarms(@Arg('input', () => HandleAlarmsInput) input: HandleAlarmsInput, @Ctx() ctx: RequestContext) {
    return this.handling.handleAlarms(ctx, input);
  }

  @Query(() => [AlarmWhitelistEntry], { description: "The region's alarm whitelist, newest first." })
  alarmWhitelist(@Args(() => AlarmWhitelistArgs) args: AlarmWhitelistArgs, @Ctx() ctx: RequestContext) {
    return this.handling.whitelist(ctx, args.regionId);
  }

  @Mutation(() => AlarmWhitelistEntry, {
    description: 'Removes a whitelist rule; matching alarms are announced again from now on.',
  })
  removeAlarmWhitelistEntry(
    @Arg('input', () => RemoveAlarmWhitelistEntryInput) input: RemoveAlarmWhitelistEntryInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.handling.removeWhitelistEntry(ctx, input.id);
  }
}
