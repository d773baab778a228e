import { Severity, severityRank } from '@hss/schema';
import { IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import { notFound } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import { type AlarmRaisedEvent, Topic } from '../events/topics.js';
import { ConnectionType, PageArgs, toConnection } from '../graphql/connection.js';
import { subscribeScoped } from '../graphql/subscriptions.js';
import { Server } from '../servers/server.entity.js';
import { Alarm } from './alarm.entity.js';
import { AlarmFilter } from './alarm.inputs.js';
import type { AlarmService } from './alarm.service.js';

export const AlarmConnection = ConnectionType(Alarm, 'Alarm');

@ArgsType()
class AlarmsArgs extends PageArgs {
  @Field(() => AlarmFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: AlarmFilter | null;
}

@ArgsType()
class AlarmRaisedArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  regionId?: string | null;

  @Field(() => Severity, { nullable: true, description: 'Only alarms at least this severe.' })
  minSeverity?: Severity | null;
}

@Resolver(() => Alarm)
export class AlarmResolver {
  constructor(private readonly alarmService: AlarmService) {}

  @Query(() => AlarmConnection, { description: 'Alarms, most recent first.' })
  async alarms(@Args(() => AlarmsArgs) args: AlarmsArgs, @Ctx() ctx: RequestContext) {
    return toConnection(await this.alarmService.list(ctx, args.filter ?? {}, args));
  }

  @FieldResolver(() => Server)
  server(@Root() alarm: Alarm, @Ctx() ctx: RequestContext): Promise<Server | null> {
    return ctx.loaders.serverById.load(alarm.server.id);
  }

  @Subscription(() => Alarm, {
    description: 'Alarms as agents raise them, after they are stored.',
    subscribe: ({ args, context }) => {
      const min = args.minSeverity ? severityRank(args.minSeverity) : 0;
      return subscribeScoped(context as RequestContext, Topic.ALARM_RAISED, {
        regionId: args.regionId,
        accept: (event) => severityRank(event.severity) >= min,
      });
    },
  })
  async alarmRaised(
    @Root() event: AlarmRaisedEvent,
    @Args(() => AlarmRaisedArgs) _args: AlarmRaisedArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Alarm> {
    ctx.renew();
    const alarm = await this.alarmService.get(ctx, event.alarmId);
    if (!alarm) throw notFound('Alarm', event.alarmId);
    return alarm;
  }
}
